"""The weekly check-in conversation, as pure typed pieces (no LLM, no store, no UI).

- `models`: what goes in (`CheckinKR`), the check-in state (plain JSON, checkpoint-safe),
  the coach's `Move` and what comes out at the end (`record_of`);
- `reading`: one `CheckinReading` per user turn, by rules, behind the number guard
  (`answers` holds the words of values, confidences, yes/no/skip/done);
- `planner`: `first_move` / `next_move`, the step machine applied once per turn
  (`questions` builds what the coach asks next, and `expects` how its answer is read);
- `progress`: progress from baseline to target and the straight-line pace;
- `wording`: the offline coach's lines for a move (`prompts/checkin_offline.yaml`) and the
  model prompt that may word the same move later (`prompts/checkin_system.md`).
"""
