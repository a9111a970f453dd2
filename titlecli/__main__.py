# guarded: worker processes of `titlecli batch -j N` (forkserver/spawn) import this module again,
# and must neither run the command line nor pause their collector
if __name__ == "__main__":
    from titlecli.launch import main

    main()
