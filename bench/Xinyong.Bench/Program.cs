using Xinyong.Bench;

// One subcommand per benchmark; each parses its own options and prints its figures.
// Add a benchmark as a class with `static int Run(string[] args)` and a case below.
return args.Length == 0 ? Usage() : args[0] switch
{
    "report" => ReportBench.Run(args[1..]),
    "objections" => ObjectionBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: xinyong-bench <benchmark> [options]
          report [--iterations N] [--warmup N] [--records N]
              render and sign a credit report N times (default 200 after 20 warm-up runs, 100 records)
          objections [--objections N] [--queries N]
              file N objections over 10 units (default 5000), time the worklist and the deadline watch;
              on PostgreSQL when XINYONG_BENCH_PG names a server
        """);
    return 2;
}
