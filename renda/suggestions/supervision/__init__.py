"""The staff and leaders' suggestion pages: work queues, the register and its exports, the
overdue board, the promise ledger, key suggestions and their polls, unit scores, motions."""
