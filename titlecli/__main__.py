from titlecli.cli import main

# guarded: worker processes of `titlecli batch -j N` (forkserver/spawn) import this module again
if __name__ == "__main__":
    main()
