"""Audio ingestion (sniff, probe, decode with limits) and offline Whisper transcription."""
