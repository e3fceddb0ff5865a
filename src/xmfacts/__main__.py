from xmfacts.entry import main

main()
