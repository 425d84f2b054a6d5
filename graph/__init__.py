"""The coaching conversation as a LangGraph state graph (the SF art gallery)."""
