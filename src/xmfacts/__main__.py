from xmfacts.cli import main

main()
