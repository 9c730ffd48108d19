from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core import signing
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.timezone import now

from mentorplan.lib.timezones import timezone_choices

_CONFIRMATION_SALT = "accounts.confirm-email"
EMAIL_WINDOW = timedelta(hours=1)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        """An account made by whoever runs the service (command line, fixtures): its address
        counts as confirmed unless `email_verified_at=None` is given. Sign-up does not come
        through here."""
        if not email:
            raise ValueError("A mentor needs an e-mail address.")
        fields.setdefault("email_verified_at", now())
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A mentor. Trainees have no account; they join a session through a link."""

    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(
        max_length=80, help_text="How trainees and co-mentors see you, for example “Sam”."
    )
    timezone = models.CharField(max_length=64, choices=timezone_choices, default="Europe/London")
    slack_handle = models.CharField("Slack handle", max_length=80, blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=now)
    # When the mentor proved the address is theirs through the confirmation link; null until
    # then. Only a confirmed address can accept an invitation to co-mentor a group.
    email_verified_at = models.DateTimeField("address confirmed at", null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = "mentor"

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return str(self)

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def confirmation_token(self) -> str:
        """A signed token for the confirmation link, bound to this account and its address."""
        return signing.dumps({"user": self.pk, "email": self.email}, salt=_CONFIRMATION_SALT)

    @classmethod
    def for_confirmation_token(cls, token: str) -> "User | None":
        """The account a confirmation token names; None for a token that is forged, expired, or
        names an address the account no longer has."""
        try:
            data = signing.loads(
                token, salt=_CONFIRMATION_SALT, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE
            )
        except signing.BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("user"), int):
            return None
        return cls.objects.filter(pk=data["user"], email=data.get("email")).first()

    def confirm_email(self) -> None:
        if self.email_verified_at is None:
            self.email_verified_at = now()
            self.save(update_fields=["email_verified_at"])


class EmailKind(models.TextChoices):
    PASSWORD_RESET = "password_reset", "password reset"
    CONFIRMATION = "confirmation", "address confirmation"


def _digest(value: str) -> str:
    return salted_hmac(
        "accounts.EmailRequest", value.strip().lower(), algorithm="sha256"
    ).hexdigest()


class EmailRequestQuerySet(models.QuerySet["EmailRequest"]):
    def recent(self) -> "EmailRequestQuerySet":
        return self.filter(created_at__gt=now() - EMAIL_WINDOW)


class EmailRequest(models.Model):
    """One request for an e-mail that anyone can ask for, kept for an hour to limit how many go out.

    The counts live in the database rather than a cache because several app servers may run and none
    keeps state of its own; a table needs no extra service and no set-up step beyond `migrate`.
    The address and the client are stored as keyed hashes: the table says nothing about anyone."""

    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    address_digest = models.CharField(max_length=64)
    client_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=now)

    objects = EmailRequestQuerySet.as_manager()

    class Meta:
        indexes = [
            # allow(): requests for one address, and from one client, in the last hour
            models.Index(
                fields=["kind", "address_digest", "created_at"], name="emailrequest_address"
            ),
            models.Index(
                fields=["kind", "client_digest", "created_at"], name="emailrequest_client"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} requested at {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def allow(cls, kind: str, address: str, client: str) -> bool:
        """Record a request and say whether its e-mail may go out: no more than
        EMAILS_PER_ADDRESS_PER_HOUR for one address and EMAILS_PER_CLIENT_PER_HOUR from one client.

        The request is written before counting, so two at once both see each other and the limit
        holds; refused requests count too, so hammering the form does not reopen it."""
        cls.objects.filter(created_at__lte=now() - EMAIL_WINDOW).delete()
        request = cls.objects.create(
            kind=kind, address_digest=_digest(address), client_digest=_digest(client)
        )
        recent = cls.objects.recent().filter(kind=kind)
        return (
            recent.filter(address_digest=request.address_digest).count()
            <= settings.EMAILS_PER_ADDRESS_PER_HOUR
            and recent.filter(client_digest=request.client_digest).count()
            <= settings.EMAILS_PER_CLIENT_PER_HOUR
        )


class SignInSession(AbstractBaseSession):
    """A browser's session, with the mentor it signs in as a column of its own, so that one
    query reads both on every page (see `mentorplan.accounts.signin`). Deleting an account
    ends its sessions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )

    @classmethod
    def get_session_store_class(cls) -> type["SessionBase"]:
        from mentorplan.accounts.signin import SessionStore

        return SessionStore
