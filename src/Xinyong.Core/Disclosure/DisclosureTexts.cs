using System.Globalization;

namespace Xinyong.Disclosure;

/// <summary>The record events of the disclosure period, as people read them in a record's history.</summary>
public static class DisclosureTexts
{
    /// <summary>The event of a record archived when its disclosure period ended (Art. 37).</summary>
    public static string Archived(DateOnly until)
    {
        var day = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"公示期限于{day}届满，停止公示，转为档案保存（《黑龙江省社会信用条例》第三十七条）";
    }
}
