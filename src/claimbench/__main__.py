from claimbench.cli import app

app(prog_name="claimbench")
