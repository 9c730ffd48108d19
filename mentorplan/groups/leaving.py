"""A mentor leaving a group, being removed from it, or deleting their account.

What goes and what stays, in every one of these cases:

- The mentor's private notes in the group and their own goals as a mentor of the group go with
  them (`mentorplan.records.mentors` does it whenever a membership is deleted, so leaving,
  removal, a deleted account and the Django admin all behave the same).
- Mentors' and shared notes they wrote, feedback, topics and everything else about the trainees
  belong to the group and stay, with no author.
- A group keeps a lead: when its only lead goes, the co-mentor who joined first takes over.
- A group is never left without mentors: the last mentor cannot leave it. Deleting an account
  deletes the groups the mentor runs alone, trainees and history included; the confirmation page
  lists them first, with a link to export each.
"""

from dataclasses import dataclass, field

from django.db import transaction

from mentorplan.accounts.models import User
from mentorplan.groups.models import Group, Membership, Role


class LastMentor(Exception):
    """The group would be left without any mentor."""


@dataclass
class AccountDeletion:
    """What deleting a mentor's account does to their groups, shown before and done after."""

    handed_over: list[tuple[Group, User]] = field(default_factory=list)
    deleted: list[Group] = field(default_factory=list)


def successor(membership: Membership) -> Membership | None:
    """Who becomes lead when this mentor goes: nobody when another lead stays (or they are no
    lead), else the co-mentor who joined first; `LastMentor` when nobody else mentors the group."""
    others = Membership.objects.filter(group_id=membership.group_id).exclude(pk=membership.pk)
    if not others.exists():
        raise LastMentor
    if not membership.is_lead or others.filter(role=Role.LEAD).exists():
        return None
    return others.select_related("user").order_by("joined_at", "pk").first()


def leave(membership: Membership) -> Membership | None:
    """End a membership: the mentor leaves, or a lead removes them. Returns the co-mentor who
    took over as lead, if any. Raises `LastMentor` for the group's only mentor."""
    with transaction.atomic():
        # One at a time per group, so two mentors leaving at once never leave it empty.
        list(Membership.objects.select_for_update().filter(group_id=membership.group_id))
        heir = successor(membership)
        if heir is not None:
            heir.role = Role.LEAD
            heir.save(update_fields=["role"])
        membership.delete()
    return heir


def account_deletion(user: User) -> AccountDeletion:
    """What deleting this account will do to the mentor's groups."""
    plan = AccountDeletion()
    for membership in user.memberships.select_related("group").order_by("group__name"):
        try:
            heir = successor(membership)
        except LastMentor:
            plan.deleted.append(membership.group)
            continue
        if heir is not None:
            plan.handed_over.append((membership.group, heir.user))
    return plan


def delete_account(user: User) -> AccountDeletion:
    """Delete a mentor's account: hand over the groups they lead to a co-mentor, delete the groups
    they run alone, then the account with everything that is theirs only."""
    with transaction.atomic():
        groups = list(user.memberships.values_list("group_id", flat=True))
        list(Membership.objects.select_for_update().filter(group_id__in=groups))
        plan = account_deletion(user)
        for group, heir in plan.handed_over:
            Membership.objects.filter(group=group, user=heir).update(role=Role.LEAD)
        for group in plan.deleted:
            group.delete()
        user.delete()
    return plan
