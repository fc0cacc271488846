"""Training side of chirogate: data preparation (training.data), LoRA training, merge, GGUF export."""
