"""`make bench`: what the hot paths cost under load, side by side with a framework floor.

The app runs as in production (gunicorn, two sync workers, DEBUG off, behind a trusted proxy's
headers) on a database with 1,000 mentors' history, and `wrk` loads it over loopback: the floor
(a trivial view of the same app), then a path, then the floor again, and so on, three rounds. Each
path's ratio is its throughput over the floor's in the same round, so a busy or slow machine
cancels out. See the README's "Performance" section.
"""
