"""Which OKR set a check-in or a retrospective is about: the one named, else the only active
one. Shared by the CLI (`--okr`) and the TUI (a picker when there are several)."""

from __future__ import annotations

from coach.okr_store import NotFound, OKRSetRecord, OKRStore

NO_ACTIVE_SET = ("no active OKR set — adopt one with `coach okr adopt SESSION` or "
                 "`coach okr import FILE`")


class SetChoiceError(ValueError):
    """No set can be chosen: unknown or archived id, no active set, or several (`ids`)."""

    def __init__(self, message: str, ids: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.ids = ids


def active_sets(store: OKRStore) -> list[OKRSetRecord]:
    return store.list_sets()


def choose_set(store: OKRStore, set_id: str | None) -> str:
    """`set_id` if it names an active set, else the only active set's id."""
    if set_id is not None:
        try:
            found = store.get_set(set_id)
        except NotFound:
            raise SetChoiceError(f"no OKR set {set_id!r} (see `coach okr list`)") from None
        if found.status != "active":
            raise SetChoiceError(f"the OKR set {found.id} is archived")
        return found.id
    sets = active_sets(store)
    if not sets:
        raise SetChoiceError(NO_ACTIVE_SET)
    if len(sets) > 1:
        ids = tuple(s.id for s in sets)
        raise SetChoiceError("several active OKR sets — choose one with --okr: "
                             + ", ".join(ids), ids)
    return sets[0].id
