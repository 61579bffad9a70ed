using Xinyong.Bench;

// One subcommand per benchmark; each parses its own options and prints its figures.
// Add a benchmark as a class with `static int Run(string[] args)` and a case below.
return args.Length == 0 ? Usage() : args[0] switch
{
    "report" => ReportBench.Run(args[1..]),
    "portal" => PortalBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: xinyong-bench <benchmark> [options]
          report [--iterations N] [--warmup N] [--records N]
              render and sign a credit report N times (default 200 after 20 warm-up runs, 100 records)
          portal --store sqlite|postgres [--db FILE|CONNECTION] [--subjects N] [--records N] [--queries N] [--warmup N]
              search and subject-page latency over HTTP at 1,000,000 subjects and 10,000,000 records (defaults);
              the dataset is generated into the store once (SQLite default: bench-data/portal-N-M.db) and reused
        """);
    return 2;
}
