# Convenience targets; the README's Quick start needs only the two scripts.
.PHONY: start test test-llm bench

start:  ## set up and start the coach
	bash scripts/start.sh

test:  ## set up and run lint, types, contracts and every test (what CI runs)
	bash scripts/test.sh

test-llm:  ## a real model in the loop: llama.cpp + SmolLM2-135M (first run builds llama-cpp-python, ~10 min)
	bash scripts/test_llm.sh

bench:  ## every benchmark script (figures for the issues; not timed tests)
	.venv/bin/python benchmarks/bench_turns.py
	.venv/bin/python benchmarks/bench_rehearse.py
	.venv/bin/python benchmarks/bench_llm_overhead.py --session
	.venv/bin/python benchmarks/bench_llm_overhead.py --runs 60
	.venv/bin/python benchmarks/bench_tui_startup.py --runs 10
	.venv/bin/python benchmarks/bench_tui_rss.py
	.venv/bin/python benchmarks/bench_knowledge.py --sizes 1000
	.venv/bin/python benchmarks/bench_reframe.py --n 2000
	.venv/bin/python benchmarks/bench_understanding.py --conversations tests/data/blind/conversations_a1.yaml tests/data/blind/conversations_a2.yaml --turns tests/data/blind/turns_a.yaml
