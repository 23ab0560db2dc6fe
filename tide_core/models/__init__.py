"""Models: where weights come from, recipes, fine-tuning, generation backends and ONNX serving."""
