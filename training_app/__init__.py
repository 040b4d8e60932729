"""Rural Livestream Academy (乡村直播学院)."""
