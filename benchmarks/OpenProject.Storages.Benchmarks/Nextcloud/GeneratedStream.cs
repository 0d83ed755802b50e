namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// A stream of a given length whose bytes are generated as they are read (a repeating pattern): no file,
/// and nothing held but one shared block. Non-seekable by default, like a request body being passed
/// through; seekable on request, like a file.
/// </summary>
internal sealed class GeneratedStream(long length, bool seekable = false) : Stream
{
    /// <summary>64 KiB of pattern, shared by every stream and the server's responses.</summary>
    public static readonly byte[] Block = CreateBlock();

    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => seekable;

    public override bool CanWrite => false;

    public override long Length => seekable ? length : throw new NotSupportedException();

    public override long Position
    {
        get => seekable ? _position : throw new NotSupportedException();
        set => _position = seekable && value >= 0 ? value : throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Clamp(length - _position, 0, buffer.Length);
        var written = 0;
        while (written < count)
        {
            var start = (int)((_position + written) % Block.Length);
            var part = Math.Min(count - written, Block.Length - start);
            Block.AsSpan(start, part).CopyTo(buffer[written..]);
            written += part;
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] CreateBlock()
    {
        var block = new byte[64 * 1024];
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = (byte)(i * 31 % 251);
        }

        return block;
    }
}
