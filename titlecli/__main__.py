from titlecli.cli import main

main()
