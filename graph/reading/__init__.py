"""Reading a user turn: one typed `Reading` per turn, from the rules reader or the model reader,
always behind the number guard. The graph applies the reading once (`graph.apply`)."""
