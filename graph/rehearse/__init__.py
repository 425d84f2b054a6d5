"""Rehearsing an OKR workshop (the `rehearse` mode): the coach plays the team, the lead
facilitates the four rooms of the gallery, and every lead turn gets feedback.

Where things are:
- the typed values: `models` (persona cards, team, a lead turn's labels, feedback, persona
  lines), `plan_models` (the planner's state, a reading, a move), `state` (the checkpoint);
- reading a lead turn once: `reading` (set-up, cast edits, commands, facilitation), `setup`
  and `card_edits` (the team and the cast), `kb_team` (a team from the knowledge base);
- the labels: `facilitation` and `lead_words` (the rules), `facilitation_model` (the trained
  second opinion), `model_labels` (a language model, cross-checked by them);
- the team: `personas` (the proposed cast), `persona_lines` (the offline bank's reactions),
  `persona_check` and `model_personas` (a model playing a persona, checked against its card);
- what comes of it: `planner` (after each turn), `feedback` (one lead turn), `tally` (per room,
  the scorecard, the debrief), `timings` and `runsheet` (the take-away), `wording` (the
  coach's words); `nodes` and `graph` wire it into LangGraph.
"""
