namespace Xinyong.Storage.Checks;

/// <summary>The SQL of the facts measures are evaluated on (used by the check in the application layer and by grades).</summary>
public static class CheckFacts
{
    /// <summary>
    /// The one rule of a record in force for measures, over <c>records r</c>: active, not withheld (repaired or
    /// declined), within its disclosure period (the last day included, as <see cref="Xinyong.Query.Publication.PeriodEnded"/>), and
    /// not exempted under Art. 30 (2), and not held under an emergency declaration for its unit's confirmation (Art. 30 (3)).
    /// </summary>
    public const string RecordInForce =
        "r.status = 'active' AND r.withheld = FALSE AND (r.public_until IS NULL OR r.public_until >= @today) " +
        "AND NOT EXISTS (SELECT 1 FROM measure_exemptions x WHERE x.record_id = r.id) " +
        // Held under an emergency declaration: not dishonesty until its deciding unit confirms it (审慎认定, Art. 30 (3)).
        "AND r.publication <> 'held'";
}
