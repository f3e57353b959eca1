"""The rubric: compiling rubric documents into conditions the engine can evaluate."""
