from peertui import run

run()
