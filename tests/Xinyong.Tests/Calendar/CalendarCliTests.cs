using Xinyong.Tests.Support;

namespace Xinyong.Tests.Calendar;

public class CalendarCliTests
{
    [Fact]
    public async Task Add_prints_the_contract_json()
    {
        var r = await Xy.Run("calendar", "add", "2026-09-30", "3", "--rules", Paths.Rules);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("{\"start\":\"2026-09-30\",\"workingDays\":3,\"due\":\"2026-10-10\",\"provisional\":false}", r.Out.Trim());
    }

    [Fact]
    public async Task Is_working_day_names_the_holiday()
    {
        var r = await Xy.Run("calendar", "is-working-day", "2026-10-03", "--rules", Paths.Rules);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("2026-10-03", r.Json.GetProperty("date").GetString());
        Assert.False(r.Json.GetProperty("workingDay").GetBoolean());
        Assert.Equal("国庆节", r.Json.GetProperty("holiday").GetString());

        r = await Xy.Run("calendar", "is-working-day", "2026-10-10", "--rules", Paths.Rules);
        Assert.True(r.Json.GetProperty("workingDay").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, r.Json.GetProperty("holiday").ValueKind);
    }

    [Fact]
    public async Task A_bad_date_is_a_usage_error()
    {
        var r = await Xy.Run("calendar", "add", "2026-02-30", "3", "--rules", Paths.Rules);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("2026-02-30", r.Err);
        Assert.DoesNotContain("   at ", r.Err); // no stack trace
    }

    [Fact]
    public async Task Importing_a_newly_published_year_makes_provisional_results_final()
    {
        var rules = Directory.CreateTempSubdirectory("xinyong-rules-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(rules, "calendar"));
            foreach (var f in Directory.GetFiles(Path.Combine(Paths.Rules, "calendar")))
                File.Copy(f, Path.Combine(rules, "calendar", Path.GetFileName(f)));

            var before = await Xy.Run("calendar", "add", "2026-12-25", "5", "--rules", rules);
            Assert.True(before.Json.GetProperty("provisional").GetBoolean());
            Assert.Equal("2027-01-01", before.Json.GetProperty("due").GetString());

            // A hypothetical 2027 arrangement (not the official one): New Year 1-3 January, Sunday 10 January worked.
            var file = Path.Combine(rules, "2027-notice.tsv");
            File.WriteAllText(file, "date\tkind\tholiday\n2027-01-01\toff\t元旦\n2027-01-02\toff\t元旦\n2027-01-03\toff\t元旦\n2027-01-10\twork\t元旦\n");
            var import = await Xy.Run("calendar", "import", file, "--rules", rules);
            Assert.Equal(0, import.ExitCode);
            Assert.True(File.Exists(Path.Combine(rules, "calendar", "2027.tsv")));

            var after = await Xy.Run("calendar", "add", "2026-12-25", "5", "--rules", rules);
            Assert.False(after.Json.GetProperty("provisional").GetBoolean());
            Assert.Equal("2027-01-04", after.Json.GetProperty("due").GetString());
            var sunday = await Xy.Run("calendar", "is-working-day", "2027-01-10", "--rules", rules);
            Assert.True(sunday.Json.GetProperty("workingDay").GetBoolean());
        }
        finally { Directory.Delete(rules, true); }
    }

    [Fact]
    public async Task A_malformed_import_names_the_line_and_writes_nothing()
    {
        var rules = Directory.CreateTempSubdirectory("xinyong-rules-").FullName;
        try
        {
            var file = Path.Combine(rules, "bad.tsv");
            File.WriteAllText(file, "date\tkind\tholiday\n2027-01-01\toff\t元旦\n2027-01-32\toff\t元旦\n");
            var r = await Xy.Run("calendar", "import", file, "--rules", rules);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("bad.tsv:3", r.Err);
            Assert.False(File.Exists(Path.Combine(rules, "calendar", "2027.tsv")));
        }
        finally { Directory.Delete(rules, true); }
    }
}
