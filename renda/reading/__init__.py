"""Reading help for staff (阅读辅助): the point-by-point reply check (逐条回应) and the hot topics
of what constituents raise (民意热点), on the Chinese-text pipeline of renda.core.text and the
similarity of renda.routing; an optional local language model drafts prose (renda.core.llm)."""
