using System.Buffers;
using System.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav.Xml;

/// <summary>The kinds of markup that start with <c>&lt;</c>.</summary>
internal enum XmlMarkupKind
{
    /// <summary><c>&lt;name ...&gt;</c>.</summary>
    StartTag,

    /// <summary><c>&lt;name .../&gt;</c>.</summary>
    EmptyElementTag,

    /// <summary><c>&lt;/name&gt;</c>.</summary>
    EndTag,

    /// <summary><c>&lt;!-- ... --&gt;</c>.</summary>
    Comment,

    /// <summary><c>&lt;![CDATA[ ... ]]&gt;</c>.</summary>
    CData,

    /// <summary><c>&lt;? ... ?&gt;</c>, the XML declaration included.</summary>
    ProcessingInstruction,
}

/// <summary>Finds where a piece of markup ends, without reading it: what decides whether enough bytes have arrived.</summary>
internal static class XmlMarkup
{
    private static readonly SearchValues<byte> TagEndOrQuote = SearchValues.Create(">\"'"u8);

    /// <summary>What ends a tag's name: whitespace, <c>/</c> or <c>&gt;</c>.</summary>
    public static readonly SearchValues<byte> NameEnd = SearchValues.Create(" \t\r\n/>"u8);

    /// <summary>
    /// The length of the markup at the start of <paramref name="data"/> (which begins with <c>&lt;</c>),
    /// or -1 when it is not complete yet. A document type declaration, or any other <c>&lt;!</c> markup, is refused.
    /// </summary>
    public static int Measure(ReadOnlySpan<byte> data, out XmlMarkupKind kind)
    {
        kind = XmlMarkupKind.StartTag;
        if (data.Length < 2)
        {
            return -1;
        }

        switch (data[1])
        {
            case (byte)'/':
                kind = XmlMarkupKind.EndTag;
                return End(data, 2, ">"u8);
            case (byte)'?':
                kind = XmlMarkupKind.ProcessingInstruction;
                return End(data, 2, "?>"u8);
            case (byte)'!':
                return MeasureDeclaration(data, out kind);
            default:
                return MeasureTag(data, out kind);
        }
    }

    private static int MeasureDeclaration(ReadOnlySpan<byte> data, out XmlMarkupKind kind)
    {
        if (StartsWith(data, "<!--"u8, out var commentDecided))
        {
            kind = XmlMarkupKind.Comment;
            return End(data, 4, "-->"u8);
        }

        if (StartsWith(data, "<![CDATA["u8, out var cdataDecided))
        {
            kind = XmlMarkupKind.CData;
            return End(data, 9, "]]>"u8);
        }

        kind = XmlMarkupKind.Comment;
        if (!commentDecided || !cdataDecided)
        {
            return -1;
        }

        // <!DOCTYPE, <!ENTITY and the like: entity expansion is how XML bombs work, so no DTD is read at all.
        throw new XmlException("The body has a document type declaration (DTD), which is prohibited.");
    }

    private static int MeasureTag(ReadOnlySpan<byte> data, out XmlMarkupKind kind)
    {
        kind = XmlMarkupKind.StartTag;
        if (IsWhitespace(data[1]) || data[1] is (byte)'<' or (byte)'>' or (byte)'=' or (byte)'"' or (byte)'\'')
        {
            throw new XmlException("A '<' is not followed by a name.");
        }

        // An attribute value may contain '>', so quotes are skipped whole.
        var position = 1;
        while (true)
        {
            var found = data[position..].IndexOfAny(TagEndOrQuote);
            if (found < 0)
            {
                return -1;
            }

            position += found;
            var symbol = data[position];
            if (symbol == (byte)'>')
            {
                kind = data[position - 1] == (byte)'/' ? XmlMarkupKind.EmptyElementTag : XmlMarkupKind.StartTag;
                return position + 1;
            }

            var close = data[(position + 1)..].IndexOf(symbol);
            if (close < 0)
            {
                return -1;
            }

            position += close + 2;
        }
    }

    private static int End(ReadOnlySpan<byte> data, int from, ReadOnlySpan<byte> terminator)
    {
        var found = data[from..].IndexOf(terminator);
        return found < 0 ? -1 : from + found + terminator.Length;
    }

    /// <summary>Whether <paramref name="data"/> starts with <paramref name="prefix"/>; <paramref name="decided"/> is false while too few bytes have arrived to tell.</summary>
    private static bool StartsWith(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix, out bool decided)
    {
        var length = Math.Min(data.Length, prefix.Length);
        var matches = data[..length].SequenceEqual(prefix[..length]);
        decided = !matches || length == prefix.Length;
        return matches && decided;
    }

    /// <summary>XML's four whitespace characters, for trimming.</summary>
    public static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    /// <summary>Whether <paramref name="value"/> is one of XML's four whitespace characters.</summary>
    public static bool IsWhitespace(byte value) => value is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';
}
