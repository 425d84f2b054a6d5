"""Rehearsing an OKR workshop (the `rehearse` mode): the coach plays the team, the lead
facilitates the four rooms of the gallery, and every lead turn gets feedback.

Where things are: `models` (the typed values: persona cards, a lead turn's labels, feedback),
`setup` (reading the team description and card edits), `personas` (proposing the cast),
`persona_lines` (the offline persona bank), `facilitation` (the rules classifier),
`facilitation_model` (the trained second opinion), `feedback` (feedback on a lead turn),
`planner` (what happens after each turn), `runsheet` (the Markdown take-away), `nodes` and
`graph` (the LangGraph wiring), `state` (the checkpointed state).
"""
