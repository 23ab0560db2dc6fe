"""The main job's stages, one module each, in the order `python -m tide_core run` (run.run_main_job) calls them:

    build.py     build the dataset and the warehouse, or reuse an up-to-date one (also import_step, load_dataset)
    live.py      re-point the warehouse's live views and compact the live records beside it
    models.py    zero-shot, LoRA fine-tuning, merge and generation with the small models (PROFILES)
    claude.py    Claude's replies to the same test sample (skipped, saying why, without a key)
    onnx.py      export the merged model and its zero-shot base to ONNX (int4) and load it torch-free
    safety.py    train (once) and evaluate the chat's crisis detector into the warehouse
    evaluate.py  score, simulate the default panel, run the statistics, write the findings
    run.py       the stages in this order with the CLI's progress and summary lines; the single-stage commands

Outside the main job: quality.py stores the fluency screen (`python -m tide_core quality --fluency`).

Nothing is imported here: import a stage by its module name (importing this package imports no torch).
"""
