using Xinyong.Bench;

// One subcommand per benchmark; each parses its own options and prints its figures.
// Add a benchmark as a class with `static int Run(string[] args)` and a case below.
return args.Length == 0 ? Usage() : args[0] switch
{
    "report" => ReportBench.Run(args[1..]),
    "checks" => CheckBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: xinyong-bench <benchmark> [options]
          report [--iterations N] [--warmup N] [--records N]
              render and sign a credit report N times (default 200 after 20 warm-up runs, 100 records)
          checks --store sqlite|postgres [--db PATH|CONNECTION] [--subjects N] [--records N] [--entries N]
                 [--iterations N] [--logged N] [--seconds N]
              Art. 43-44 checks at the province's scale (default 1,000,000 subjects, 10,000,000 records, 650,000 list
              entries, generated once and kept): in-process latency, then wrk over HTTP at 8, 32 and 128 connections
        """);
    return 2;
}
