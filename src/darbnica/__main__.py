from darbnica.cli import main

main()
