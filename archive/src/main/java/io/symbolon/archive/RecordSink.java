package io.symbolon.archive;

/**
 * Receives an archive's records, in order, once the archive has been verified. If reading fails after
 * some records were delivered (the file changed between the verification and the read), the reader
 * throws after the last delivered record: a sink must apply records in a transaction it commits only
 * when the read returns normally.
 */
@FunctionalInterface
public interface RecordSink {
    void accept(byte[] record) throws Exception;
}
