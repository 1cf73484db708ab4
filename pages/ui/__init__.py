"""What the pages share: the signed-in user and the refusal, safe service calls, text and figure
formatting."""
