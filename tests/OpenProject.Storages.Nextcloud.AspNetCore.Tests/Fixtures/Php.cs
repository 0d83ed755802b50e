using System.Text;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;

/// <summary>How integration_openproject's PHP encodes what it sends: <c>json_encode</c> and <c>urlencode</c>.</summary>
internal static class Php
{
    /// <summary>A JSON string literal as <c>json_encode</c> writes it: <c>/</c> as <c>\/</c>, non-ASCII as <c>\uXXXX</c>.</summary>
    public static string JsonString(string value)
    {
        var json = new StringBuilder("\"");
        foreach (var c in value)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '/' => "\\/",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x20 || c > 0x7E => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    /// <summary><c>urlencode</c>: letters, digits and <c>-_.</c> stay, a space is <c>+</c>, everything else is <c>%XX</c> of its UTF-8 bytes.</summary>
    public static string UrlEncode(string value)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                encoded.Append(c);
            }
            else if (c == ' ')
            {
                encoded.Append('+');
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    /// <summary>One filter condition as the app writes it: <c>{"name":{"operator":"op","values":[…]}}</c>.</summary>
    public static string Filter(string name, string op, params string[] values) =>
        $"{{{JsonString(name)}:{{\"operator\":{JsonString(op)},\"values\":[{string.Join(',', values.Select(JsonString))}]}}}}";
}
