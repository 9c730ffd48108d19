"""A starter set of resources every mentor can share at once."""

from django.db import migrations

STARTER = [
    ("How to ask a good question", "https://stackoverflow.com/help/how-to-ask", "questions, slack"),
    (
        "MDN: JavaScript guide",
        "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Guide",
        "javascript",
    ),
    (
        "MDN: Array methods",
        "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array",
        "javascript, arrays",
    ),
    ("MDN: Learn HTML", "https://developer.mozilla.org/en-US/docs/Learn/HTML", "html"),
    ("MDN: CSS layout", "https://developer.mozilla.org/en-US/docs/Learn/CSS/CSS_layout", "css"),
    ("Git handbook", "https://git-scm.com/book/en/v2", "git"),
    ("JavaScript katas on Codewars", "https://www.codewars.com/", "practice, katas"),
    (
        "Python Tutor: see code run step by step",
        "https://pythontutor.com/",
        "debugging, javascript, python",
    ),
]


def add(apps, schema_editor):
    Resource = apps.get_model("wrapup", "Resource")
    for title, url, tags in STARTER:
        Resource.objects.get_or_create(owner=None, title=title, defaults={"url": url, "tags": tags})


def remove(apps, schema_editor):
    apps.get_model("wrapup", "Resource").objects.filter(
        owner=None, title__in=[s[0] for s in STARTER]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("wrapup", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
