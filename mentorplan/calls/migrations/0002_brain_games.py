"""A starter list of short online games that warm up thinking, for the welcome segment."""

from django.db import migrations

GAMES = [
    (
        "0h h1",
        "https://0hh1.com/",
        "boolean logic",
        "Fill a grid with two colours by a few strict rules.",
    ),
    (
        "Mastermind",
        "https://www.webgamesonline.com/mastermind/index.php",
        "strategy and deduction",
        "Crack a hidden colour code from the clues each guess gives back.",
    ),
    (
        "Set",
        "https://setwithfriends.com/",
        "patterns",
        "Race each other to spot sets of three cards that match or differ on every feature.",
    ),
    (
        "Rojo",
        "http://boardwebgames.com/rojo/",
        "logic and strategy",
        "Pick and place coloured tiles to score; a free take on Azul.",
    ),
    (
        "Rush Hour",
        "https://www.crazygames.com/game/rush-hour-online",
        "planning ahead",
        "Slide cars out of the way to free the red one; think several moves ahead.",
    ),
    (
        "Dominion",
        "https://dominion.games/",
        "probability and strategy",
        "Build a deck of cards and plan how it will play out.",
    ),
    (
        "Stroop test",
        "https://www.lenstore.co.uk/vc/the-stroop-effect/",
        "attention to detail",
        "Name the colour of the ink, not the word: a minute on reading carefully.",
    ),
    (
        "Codenames",
        "https://codenames.game/",
        "team play and empathy",
        "Give one-word clues your team can read; takes a little longer.",
    ),
    (
        "Gartic Phone",
        "https://garticphone.com/",
        "team play and empathy",
        "Draw and guess in turns, up to five people, about ten minutes.",
    ),
]


def add_games(apps, schema_editor):
    BrainGame = apps.get_model("calls", "BrainGame")
    for name, url, exercises, description in GAMES:
        BrainGame.objects.get_or_create(
            name=name, defaults={"url": url, "exercises": exercises, "description": description}
        )


def remove_games(apps, schema_editor):
    apps.get_model("calls", "BrainGame").objects.filter(name__in=[g[0] for g in GAMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("calls", "0001_initial")]

    operations = [migrations.RunPython(add_games, remove_games)]
