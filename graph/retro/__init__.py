"""The end-of-period retrospective, as pure typed pieces (no LLM, no store, no UI).

- `models`: what goes in (`RetroKR`, with the suggested score worked out by `new_retro`
  from `coach.okr_store.progress`), the retro state (plain JSON, checkpoint-safe), the
  coach's `Move` and what comes out at the end (`record_of` -> `RetroRecord`);
- `reading`: one `RetroReading` per user turn, by rules, behind the number guard;
- `planner`: `first_move` / `next_move`, the step machine applied once per turn, and
  `expects` (how the next answer is read); `questions` builds what the coach asks next
  and the closing summary;
- `wording`: the offline coach's lines for a move (`prompts/retro_offline.yaml`) and the
  model prompt that may word the same move later (`prompts/retro_system.md`).
"""
