using System.Text;
using System.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav.Xml;

/// <summary>What comes before the root element: a byte order mark, the XML declaration, whitespace, comments, processing instructions.</summary>
internal static class XmlProlog
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Where the root element's start tag begins in <paramref name="data"/>, or -1 when more bytes are needed
    /// to tell. A document type declaration, an encoding other than UTF-8 or anything but markup before the
    /// root is refused with <see cref="XmlException"/>.
    /// </summary>
    public static int Measure(ReadOnlySpan<byte> data, bool isCompleted)
    {
        if (data.Length < Utf8Bom.Length && Utf8Bom.StartsWith(data) && !isCompleted)
        {
            return -1;
        }

        var position = data.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        while (true)
        {
            var markup = data[position..].IndexOfAnyExcept(XmlMarkup.Whitespace);
            if (markup < 0)
            {
                return isCompleted ? throw new XmlException("The body has no root element.") : -1;
            }

            position += markup;
            if (data[position] != (byte)'<')
            {
                throw new XmlException("The body is not UTF-8 XML: it does not start with markup.");
            }

            var length = XmlMarkup.Measure(data[position..], out var kind);
            if (length < 0)
            {
                return isCompleted ? throw new XmlException("The body ended in the middle of markup.") : -1;
            }

            switch (kind)
            {
                case XmlMarkupKind.StartTag or XmlMarkupKind.EmptyElementTag:
                    return position;
                case XmlMarkupKind.ProcessingInstruction:
                    CheckDeclaration(data.Slice(position, length));
                    break;
                case XmlMarkupKind.Comment:
                    break;
                default:
                    throw new XmlException("The body has no root element.");
            }

            position += length;
        }
    }

    /// <summary>
    /// Reads what may follow the root element: whitespace, comments, processing instructions. Returns how
    /// many bytes of <paramref name="data"/> that is; a byte of anything else is refused with <see cref="XmlException"/>.
    /// </summary>
    public static int MeasureEpilog(ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (true)
        {
            var markup = data[position..].IndexOfAnyExcept(XmlMarkup.Whitespace);
            if (markup < 0)
            {
                return data.Length;
            }

            position += markup;
            var length = data[position] == (byte)'<' ? XmlMarkup.Measure(data[position..], out var kind) : throw AfterRoot();
            if (length < 0)
            {
                return position;
            }

            if (kind is not (XmlMarkupKind.Comment or XmlMarkupKind.ProcessingInstruction))
            {
                throw AfterRoot();
            }

            position += length;
        }
    }

    /// <summary>The XML declaration may name an encoding; only UTF-8 (and its subset ASCII) is read.</summary>
    private static void CheckDeclaration(ReadOnlySpan<byte> instruction)
    {
        if (!instruction.StartsWith("<?xml"u8) || !XmlMarkup.IsWhitespace(instruction[5]))
        {
            return;
        }

        var at = instruction.IndexOf("encoding"u8);
        if (at < 0)
        {
            return;
        }

        var value = instruction[(at + 8)..].TrimStart(" \t\r\n="u8);
        var end = value.Length > 1 && value[0] is (byte)'"' or (byte)'\'' ? value[1..].IndexOf(value[0]) : -1;
        if (end < 0)
        {
            throw new XmlException("The XML declaration is malformed.");
        }

        var encoding = value.Slice(1, end);
        if (!Ascii.EqualsIgnoreCase(encoding, "UTF-8"u8) && !Ascii.EqualsIgnoreCase(encoding, "US-ASCII"u8))
        {
            throw new XmlException("The body is not UTF-8.");
        }
    }

    private static XmlException AfterRoot() => new("The body has content after its root element.");
}
