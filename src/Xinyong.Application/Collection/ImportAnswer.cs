using Xinyong.Collection;
using Xinyong.Storage.Collection;

namespace Xinyong.Application.Collection;

/// <summary>
/// What an import did, as the API, the upload page and <c>xinyong import --json</c> answer it:
/// <c>Rows == Accepted + Duplicates + Rejected.Count</c>; row numbers as a spreadsheet shows them (header = 1).
/// </summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="Accepted">Rows stored (new records and new versions).</param>
/// <param name="Duplicates">Rows identical to what the platform already held.</param>
/// <param name="Rejected">Each refused row with every reason (field, code, message).</param>
/// <param name="Updated">Of the accepted, the new versions of records already held.</param>
/// <param name="Warnings">Problems with the input as a whole that lost no data.</param>
/// <param name="BatchId">The batch, for its history and its rejected rows.</param>
public sealed record ImportAnswer(
    int Rows, int Accepted, int Duplicates, IReadOnlyList<RejectedRow> Rejected, int Updated,
    IReadOnlyList<FieldError> Warnings, long BatchId)
{
    /// <summary>The answer for <paramref name="r"/>.</summary>
    public static ImportAnswer Of(ImportResult r) => new(
        r.Rows, r.Accepted, r.Duplicates, r.Rejected, r.Updated,
        r.Warnings, r.BatchId);
}

