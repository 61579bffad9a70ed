using Xinyong.Reports;

namespace Xinyong.Tests.Reports;

public class ReportNumberTests
{
    [Fact]
    public void New_numbers_have_the_format_the_Beijing_date_and_do_not_repeat()
    {
        var issued = new DateTimeOffset(2025, 2, 28, 16, 30, 0, TimeSpan.Zero); // already 1 March in Beijing
        var numbers = Enumerable.Range(0, 20_000).Select(_ => ReportNumber.New(issued)).ToList();

        Assert.All(numbers, n =>
        {
            Assert.Equal(20, n.Length);
            Assert.StartsWith("XY20250301", n);
            Assert.Matches("^XY20250301[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$", n);
            Assert.True(ReportNumber.IsValid(n), n);
        });
        Assert.Equal(numbers.Count, numbers.Distinct().Count());

        // Every character of the alphabet shows up in every random position: nothing is fixed or guessable.
        for (var position = 10; position < 20; position++)
            Assert.Equal(32, numbers.Select(n => n[position]).Distinct().Count());
    }

    [Theory]
    [InlineData("XY20250301K7Q2M9ZC4T", true)]
    [InlineData("XY20240229K7Q2M9ZC4T", true)]   // leap day
    [InlineData("XY20250229K7Q2M9ZC4T", false)]  // no such date
    [InlineData("XY20251301K7Q2M9ZC4T", false)]
    [InlineData("XY20250301k7q2m9zc4t", false)]  // lower case
    [InlineData("XY20250301K7Q2M9ZC4I", false)]  // I, L, O and U are not in the alphabet
    [InlineData("XY20250301K7Q2M9ZC4L", false)]
    [InlineData("XY20250301K7Q2M9ZC4O", false)]
    [InlineData("XY20250301K7Q2M9ZC4U", false)]
    [InlineData("XZ20250301K7Q2M9ZC4T", false)]
    [InlineData("XY20250301K7Q2M9ZC4", false)]
    [InlineData("XY20250301K7Q2M9ZC4TT", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_checks_prefix_date_alphabet_and_length(string? value, bool valid) =>
        Assert.Equal(valid, ReportNumber.IsValid(value));
}
