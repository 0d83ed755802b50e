namespace OpenProject.Storages.Nextcloud.Tests.Fixtures;

/// <summary>
/// A stream of unknown length that cannot be replayed, as a request body or a pipe is; <see cref="BytesRead"/>
/// tells how much of it an upload consumed.
/// </summary>
internal sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
{
    public long BytesRead => base.Position;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }
}
