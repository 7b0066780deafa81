"""Local regulation drafts: parse text or .docx, export text or Akoma Ntoso, compare versions."""
