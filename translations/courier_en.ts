<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CsvDialect</name>
    <message>
        <source>commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tabs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vertical bars</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvExportJob</name>
    <message>
        <source>Choose both the audience file and the export file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export would overwrite the audience file it reads; choose another file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reading %1: %n column(s), separated by %2.</source>
        <translation>
            <numerusform>Reading %1: %n column, separated by %2.</numerusform>
            <numerusform>Reading %1: %n columns, separated by %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot keep the rejected rows: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was written, but the rejected rows could not be: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvFileDelivery</name>
    <message>
        <source>A CSV file destination can only add rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV destination “%1” has no folder set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 cannot be written to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name “%1” must not contain a folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvPartsReader</name>
    <message>
        <source>There is no downloaded file to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded file %1 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part %1 of %2 (%3) cannot be read: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part %1 of %2 (%3) has other columns than the first part: “%4” instead of “%5”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part %1 of %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the input: there is none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the input: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the input: it is not open for reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delimiter cannot be a quote or a line break.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is UTF-16 encoded; save it as CSV UTF-8 and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is UTF-32 encoded; save it as CSV UTF-8 and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file contains NUL bytes: it is probably UTF-16 encoded or not a text file. Save it as CSV UTF-8 and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header row on line %1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty: it has no header row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the input: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a quote inside unquoted field %1; a field with quotes in it must be quoted, with its quotes doubled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a quoted field opened on line %1 is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected text after the closing quote of field %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>expected %n field(s), found %1</source>
        <translation>
            <numerusform>expected %n field, found %1</numerusform>
            <numerusform>expected %n fields, found %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Line %1 is not valid UTF-8 (byte %2): the file is probably encoded as Windows-1252 or ISO-8859-1 (Latin-1). Save it as CSV UTF-8 and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 is not valid UTF-8 (byte %2): the file is damaged or not UTF-8. Save it as CSV UTF-8 and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record starting on line %1 is larger than %2, most likely because a quoted field is never closed (an unclosed quote).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export file is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot finish writing %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeApi</name>
    <message>
        <source>The exchange “%1” refused the key; reconnect this endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” answered HTTP %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange sent an answer that cannot be read (not a JSON object).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeDelivery</name>
    <message>
        <source>There are no columns to send; the first one must be the member key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list %1 no longer exists on the exchange “%2”; edit the share to create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience Courier share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared by Audience Courier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” created the list but sent no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created the list “%1” (%2) on the exchange.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery was not opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1 is too large for the exchange (%2 MiB; at most %3 MiB per batch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange accepted %1 and rejected %2 row(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The exchange refused batch %1 (%n row(s), %2 KiB): batch too large.</source>
        <translation>
            <numerusform>The exchange refused batch %1 (%n row, %2 KiB): batch too large.</numerusform>
            <numerusform>The exchange refused batch %1 (%n rows, %2 KiB): batch too large.</numerusform>
        </translation>
    </message>
    <message>
        <source>The exchange replaced the list: %1 row(s) accepted, %2 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list on the exchange “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the list “%1” (%2) on the exchange “%3”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeFetch</name>
    <message numerus="yes">
        <source>Resuming the export job %1 of “%2”; %n part(s) already downloaded.</source>
        <translation>
            <numerusform>Resuming the export job %1 of “%2”; %n part already downloaded.</numerusform>
            <numerusform>Resuming the export job %1 of “%2”; %n parts already downloaded.</numerusform>
        </translation>
    </message>
    <message>
        <source>The segment “%1” (%2) no longer exists on the exchange “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” accepted the export but sent no job id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested an export of “%1” from the exchange (job %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the export job expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the exchange no longer knows the export job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange could not prepare the export (%1); asking once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” could not prepare the export of “%2”: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” said the export is ready but listed no data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” listed a part of the export without an id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The export is ready: %n part(s), %1 rows.</source>
        <translation>
            <numerusform>The export is ready: %n part, %1 rows.</numerusform>
            <numerusform>The export is ready: %n parts, %1 rows.</numerusform>
        </translation>
    </message>
    <message>
        <source>its data expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the exchange no longer knows part %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange kept saying the export is not ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part %1 of the export kept arriving incomplete (%2 of %3 rows).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part %1 of the export arrived incomplete (%2 of %3 rows); fetching it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” kept losing the export of “%2” (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export job %1 is no longer available (%2); requesting a new one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeListing</name>
    <message>
        <source>The exchange “%1” sent an invalid next page (%2 after %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GzipDecoder</name>
    <message>
        <source>Cannot start decompressing the response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response is not valid gzip data: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Mapper</name>
    <message>
        <source>The source has more than one column called &quot;%1&quot;; name it exactly as written in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source has no column &quot;%1&quot;. Its columns are: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping has no fields: choose at least one column to share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination field &quot;%1&quot; is mapped twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No identifier: %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No identifier: %1 are all empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Mapping</name>
    <message>
        <source>Unknown transform &quot;%1&quot;. Known transforms: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mapped field has no target or no source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no source column. Write TARGET=SOURCE, for example email=E-mail:trim,lowercase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileLock</name>
    <message>
        <source>Another Audience Courier (process %1) is running shares for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Audience Courier is running shares for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunRecording</name>
    <message numerus="yes">
        <source>Wrote %Ln row(s) in %1 s.</source>
        <translation>
            <numerusform>Wrote %Ln row in %1 s.</numerusform>
            <numerusform>Wrote %Ln rows in %1 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %Ln row(s); they are in %1 with the reasons.</source>
        <translation>
            <numerusform>Rejected %Ln row; they are in %1 with the reasons.</numerusform>
            <numerusform>Rejected %Ln rows; they are in %1 with the reasons.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Transform</name>
    <message>
        <source>Trim spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upper case</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::AudienceRefresh</name>
    <message>
        <source>Could not read the credentials of %1 from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of Audience Courier cannot read audiences from “%1” endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::AudienceRepository</name>
    <message>
        <source>Could not save the audience “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count the audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not search the audiences.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::Database</name>
    <message>
        <source>Cannot create the cache file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the cache file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the cache file %1; it may be damaged or not an Audience Courier cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache file %1 cannot use write-ahead logging; keep the profile on a local disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cache was written by a newer version of Audience Courier (schema %1; this version knows up to %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cache file was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a change to the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the change to the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache is busy in another Audience Courier window; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache file is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::EndpointRepository</name>
    <message>
        <source>Could not save the endpoint “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint “%1” no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::Engine</name>
    <message>
        <source>The share no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share&apos;s audience no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share&apos;s source or destination endpoint no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of Audience Courier cannot read audiences from “%1” endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of Audience Courier cannot deliver to “%1” endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumes run #%1, which was interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the credentials of %1 from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::HttpJob</name>
    <message>
        <source>The request to %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported request method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot finish writing %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 answered HTTP %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 redirected to an insecure (http) address, which was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 answered HTTP %2, which this request cannot use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint refused the credentials (HTTP %1). Reconnect this endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server at %1 kept failing (HTTP %2) after %n attempt(s).</source>
        <translation>
            <numerusform>The server at %1 kept failing (HTTP %2) after %n attempt.</numerusform>
            <numerusform>The server at %1 kept failing (HTTP %2) after %n attempts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The transfer from %1 kept failing after %n attempt(s): %2</source>
        <translation>
            <numerusform>The transfer from %1 kept failing after %n attempt: %2</numerusform>
            <numerusform>The transfer from %1 kept failing after %n attempts: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No data arrived for %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response from %1 is larger than %2 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 did not complete the request within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response from %1 ended before its compressed data did.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response from %1 ended before all of it arrived.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::Migrations</name>
    <message>
        <source>Could not record the cache&apos;s schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache is at an unexpected schema version (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not update the cache to schema %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the cache&apos;s schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of Audience Courier cannot create schema %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::Poller</name>
    <message numerus="yes">
        <source>The export was still not ready after %1 minutes (%n check(s)).</source>
        <translation>
            <numerusform>The export was still not ready after %1 minutes (%n check).</numerusform>
            <numerusform>The export was still not ready after %1 minutes (%n checks).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>courier::Profile</name>
    <message>
        <source>Cannot create the profile folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::RunJob</name>
    <message>
        <source>This version of Audience Courier cannot read audiences from “%1” endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of Audience Courier cannot deliver to “%1” endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot %2 records; edit the share and choose another action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share&apos;s mapping cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming: “%1” from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing “%1” from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery starts over: the earlier attempt&apos;s batches cannot be reused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) were delivered before the interruption; they are not sent again.</source>
        <translation>
            <numerusform>%n batch(es) were delivered before the interruption; they are not sent again.</numerusform>
            <numerusform>%n batch(es) were delivered before the interruption; they are not sent again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot keep the rejected rows: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows were delivered, but the rejected rows could not be kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done in %1 s: %2 rows read, %3 delivered, %4 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped because Audience Courier is closing; the run resumes at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::RunRepository</name>
    <message>
        <source>Interrupted: the app stopped while this run was in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the run&apos;s start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run no longer exists or has already finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the run&apos;s progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run cannot finish as “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the run&apos;s result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the run&apos;s event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the run&apos;s events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not mark the interrupted runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the run&apos;s checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the run&apos;s checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the share&apos;s runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the interrupted runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not update the interrupted runs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::RunState</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requesting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transforming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::SecretStore</name>
    <message>
        <source>The system keychain is not available: %1. Audience Courier keeps secrets only in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ShareRepository</name>
    <message>
        <source>Could not save the share “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share “%1” no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the shares.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the share&apos;s destination.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save when the share is next due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the shares that are due.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::cli</name>
    <message>
        <source>Map a CSV audience file to a new CSV file (see export-csv --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience Courier shares audiences between the marketing systems you use.
Without a command it opens its window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the profile (cache and settings) in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A headless command, listed below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[command]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audience-courier: unknown command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run audience-courier --help to see the commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run audience-courier export-csv --help for the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads a CSV audience file (UTF-8; the delimiter is detected), maps its columns and writes a new CSV file atomically. Rows that cannot be used are written to a rejected-rows file beside it, with the reason.

A mapping is TARGET=SOURCE, optionally followed by :transform,transform (trim, lowercase, uppercase), for example --map email=E-mail:trim,lowercase. Without --map every column is exported as it is.

Exit status: 0 done (rejected rows are reported, not fatal), 1 the export failed, 2 the command line is wrong, 130 interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the run in the profile in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV audience file to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A column to export: TARGET=SOURCE[:transforms]. Repeat for each column, in output order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks a mapped column as an identifier: rows where every identifier is empty are rejected. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output delimiter: comma, semicolon, tab or pipe (default comma).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delimiter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input delimiter, when detection should not decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to write rejected rows (default: &lt;out name&gt;.rejected.csv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write cells starting with = + - @ as they are. By default they are prefixed with &apos; so spreadsheets do not run them as formulas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the file with a UTF-8 byte order mark (for Excel on Windows).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both --in and --out are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown delimiter &quot;%1&quot;; use comma, semicolon, tab or pipe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--identifier %1 names no mapped column; map it with --map first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read %1 rows, wrote %2, rejected %3 in %4 s (%5 rows/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; rejected rows: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audience-courier export-csv: interrupted; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run shares now, or every share that is due (see run --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run audience-courier run --help for the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no share is called &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; names several shares; use the id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs shares without a window and waits until they end. Name shares by id or name, or use --all-due for every share whose scheduled time has come (for cron or a systemd timer). Runs interrupted by a crash or a shutdown are resumed first.

Ctrl+C cancels the runs; a TERM signal stops them so the next start resumes them.

Exit status: 0 every run succeeded (or nothing was due), 1 a run failed or was cancelled, 2 the command line is wrong, 75 another Audience Courier is running shares for this profile (try again later), 130 interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the profile in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run every share that is due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print failures only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A share&apos;s id or name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[share...]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name a share, or use --all-due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run #%1 (%2 → %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: succeeded; %2 rows read, %3 delivered, %4 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run #%1: sharing &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::csv</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui</name>
    <message>
        <source>The demo exchange has no “%1” audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newsletter subscribers → demo list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::ActivityPage</name>
    <message>
        <source>Open &amp;rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run above to see what happened, step by step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the file that lists the rows this run could not use, with the reason for each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every share run and every export is listed here with its row counts, its log and any rows it had to set aside. Run a share from Shares, or export a file with File › Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::AudienceTableModel</name>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::CsvExportDialog</name>
    <message>
        <source>Choose an Audience File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the CSV file to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n column(s), separated by %1.</source>
        <translation>
            <numerusform>%n column, separated by %1.</numerusform>
            <numerusform>%n columns, separated by %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln row(s) read</source>
        <translation>
            <numerusform>%1 · %Ln row read</numerusform>
            <numerusform>%1 · %Ln rows read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln row(s) to &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>
            <numerusform>Wrote %Ln row to &lt;b&gt;%1&lt;/b&gt;.</numerusform>
            <numerusform>Wrote %Ln rows to &lt;b&gt;%1&lt;/b&gt;.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel and C&amp;lose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for the audience file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick the columns to leave out. Double-click a name under “Export as” to rename the column in the exported file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semicolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vertical bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Protect against spreadsheet formulas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;A value that starts with = + - or @ can run as a formula when the file is opened in Excel, LibreOffice or Google Sheets. With this on, such values get a leading apostrophe (&apos;) so spreadsheets show them as plain text.&lt;/p&gt;&lt;p&gt;Phone numbers and amounts such as +46 70 123 45 67 or -12.50 are left as they are.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a b&amp;yte order mark for Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel on Windows needs it to show accented letters correctly. Leave it off for files that other systems import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Rejected %Ln row(s) — &lt;a href=&quot;rejected&quot;&gt;Open rejected rows&lt;/a&gt;</source>
        <translation>
            <numerusform>Rejected %Ln row — &lt;a href=&quot;rejected&quot;&gt;Open rejected rows&lt;/a&gt;</numerusform>
            <numerusform>Rejected %Ln rows — &lt;a href=&quot;rejected&quot;&gt;Open rejected rows&lt;/a&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>courier::ui::DemoSandbox</name>
    <message>
        <source>The demo sandbox could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox exchange (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox consumer (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo&apos;s key could not be stored in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not resumed: the demo sandbox starts afresh with each start of the app.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::EndpointTableModel</name>
    <message>
        <source>CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe Experience Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source and destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience exchange</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audiences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;ndpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ac&amp;tivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audiences cached from your endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The systems audiences come from and go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map a CSV audience file to a new CSV file (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Audience Courier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search audiences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audiences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoints registered yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints are the systems audiences come from and go to: CSV folders, analytics and e-mail platforms. The ones you connect will be listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matching audiences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cached audience has a name or description starting with “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audiences cached yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audiences appear here once an endpoint has been refreshed, and you can search them even offline. To get started, export a CSV file: File › Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1… %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Export finished: %Ln row(s) written.</source>
        <translation>
            <numerusform>Export finished: %Ln row written.</numerusform>
            <numerusform>Export finished: %Ln rows written.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Audience Courier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Audience Courier %1&lt;/h3&gt;&lt;p&gt;Share audiences between the marketing systems you use.&lt;/p&gt;&lt;p&gt;Profile folder: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audiences you send from one system to another, and their runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share runs and exports, with their logs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::MappingTableModel</name>
    <message>
        <source>The file has no columns to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the column “%1” a name to export it as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two columns would both be exported as “%1”; rename one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one column to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column&apos;s name in the exported file. Double-click to rename it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifiers say who a member is. A row whose identifiers are all empty is set aside in the rejected rows file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove spaces at the start and end of each value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write each value in lower case, e.g. for e-mail addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick a column to leave it out of the export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick to leave the column “%1” out of the export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower case</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::RunTableModel</name>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) could not be used; see the rejected rows file.</source>
        <translation>
            <numerusform>%Ln row could not be used; see the rejected rows file.</numerusform>
            <numerusform>%Ln rows could not be used; see the rejected rows file.</numerusform>
        </translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::ShareTableModel</name>
    <message>
        <source>Add members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace all members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requesting the audience…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading… %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping… %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivering… %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(audience removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(endpoint removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This share has not run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows read, %2 delivered, %3 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs when you click Run now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the source… %1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::SharesPage</name>
    <message>
        <source>Runs disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shares yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A share sends an audience from one system to another — your newsletter subscribers to an e-mail platform, say — with the columns mapped the way the destination expects. Run it now or on a schedule; every run is recorded under Activity. Your shares will be listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the selected share&apos;s audience to its destination now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected share&apos;s run; what was delivered stays delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs are disabled in this window: another Audience Courier is running the shares of this profile. You can look around here; to run shares from this window, close the other one and start Audience Courier again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Audience Courier is running the shares of this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not start: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is done: %2 rows delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows could not be used; Activity lists them with the reasons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its log is under Activity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::format</name>
    <message>
        <source>&lt; 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
