namespace Xinyong.Identifiers;

/// <summary>Why an identifier was refused. The names are part of the CLI contract (<c>xinyong id check</c>).</summary>
public enum IdError
{
    /// <summary>Wrong number of characters.</summary>
    Length,
    /// <summary>A character that the standard does not allow in that position.</summary>
    Format,
    /// <summary>The check character does not match.</summary>
    Checksum,
    /// <summary>The birth date is not a real date, or lies in the future.</summary>
    Date,
    /// <summary>The administrative division code is not a real province-level code (GB/T 2260).</summary>
    Region,
}

/// <summary>Contract names and Chinese messages for <see cref="IdError"/>.</summary>
public static class IdErrors
{
    /// <summary>The lower-case contract code: <c>length</c>, <c>format</c>, <c>checksum</c>, <c>date</c>, <c>region</c>.</summary>
    public static string Code(this IdError e) => e switch
    {
        IdError.Length => "length",
        IdError.Format => "format",
        IdError.Checksum => "checksum",
        IdError.Date => "date",
        IdError.Region => "region",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>A message in Chinese a provider unit can act on (the stable code is <see cref="Code"/>).</summary>
    public static string Message(this IdError e, IdKind kind)
    {
        var name = kind switch
        {
            IdKind.Uscc => "统一社会信用代码",
            IdKind.ResidentId => "公民身份号码",
            _ => "证件号码",
        };
        return e switch
        {
            IdError.Length => kind == IdKind.Other ? $"{name}长度不符合该证件类型" : $"{name}应为18位",
            IdError.Format => $"{name}含有不允许的字符",
            IdError.Checksum => $"{name}校验位错误",
            IdError.Date => $"{name}中的出生日期不是真实日期或晚于今天",
            IdError.Region => $"{name}的行政区划代码不存在",
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };
    }
}

/// <summary>The kind of identifier that matches a record to its subject (Art. 19).</summary>
public enum IdKind
{
    /// <summary>Unified social credit code, GB 32100-2015.</summary>
    Uscc,
    /// <summary>Resident identity number, GB 11643-1999.</summary>
    ResidentId,
    /// <summary>Another valid identity document of a natural person without a resident number.</summary>
    Other,
}
