using Xinyong.Disclosure;
using Xinyong.Storage.Publication;

namespace Xinyong.Application.Disclosure;

/// <summary>
/// The end of disclosure periods (Art. 37): archives every record whose period ended, its event worded by
/// <see cref="DisclosureTexts.Archived"/> (the store, <see cref="DisclosureArchive"/>, writes what it is given). Run by
/// the background job and the <c>xinyong archive</c> command.
/// </summary>
public sealed class DisclosurePeriods(DisclosureArchive archive)
{
    /// <summary>Archives every record whose disclosure period ended before today. Returns how many were archived.</summary>
    public int Run() => archive.Run(DisclosureTexts.Archived);
}
