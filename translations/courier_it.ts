<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT" sourcelanguage="en">
<context>
    <name>AepApi</name>
    <message>
        <source>Experience Platform refused the access token of “%1” even after signing in again (%2); check that the Developer Console project has the Experience Platform API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP 401</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experience Platform did not accept the API key of “%1” (%2); the client id must be the Developer Console project&apos;s API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experience Platform did not accept the organisation id “%1” of “%2” (%3); check the organisation id (…@AdobeOrg) of the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Developer Console project of “%1” may not do this in sandbox “%2” (HTTP 403: %3); check its product profile&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experience Platform (“%1”, sandbox “%2”) does not know it (HTTP 404%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experience Platform (“%1”) answered HTTP %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experience Platform sent an answer that cannot be read (not a JSON object).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AepFetch</name>
    <message>
        <source>The audience has no Experience Platform segment id; refresh the endpoint&apos;s audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint&apos;s export or Query Service settings changed since the interruption; starting a new export job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming: the members of “%1” from export job %2 are already read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming: export job %1 of “%2” had succeeded; reading its members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming export job %1 of “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the export job of “%1” in Experience Platform failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experience Platform accepted the export job of “%1” but sent no job id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created export job %1 of “%2” into dataset %3 in Experience Platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export job %1 of “%2” was cancelled in Experience Platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export job %1 of “%2” succeeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Export job %1 of “%2” did not finish within %n minute(s); try again later or raise the endpoint&apos;s export timeout.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Checking export job %1 of “%2” failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Experience Platform could not export “%1” (export job %2 FAILED, %n attempt(s)): %3. Check the job in Experience Platform&apos;s monitoring, or try again later.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export job %1 of “%2” FAILED (%3); creating a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Read %n realized member(s) of “%1” through Query Service (table %2).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The Experience Platform audience has not been read yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AepMembershipQuery</name>
    <message>
        <source>The PostgreSQL driver of Qt (QPSQL) is not installed, so Query Service cannot be read; install it (Debian: libqt6sql6-psql).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service at %1 refused the sign-in of organisation “%2” to database “%3” (%4); check the organisation id, the database (“&lt;sandbox&gt;:all”) and that the project may use Query Service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service at %1 has no database “%2” (%3); check the Query Service database of the endpoint (“&lt;sandbox&gt;:all”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to Query Service at %1 (%2); check the Query Service host and port of the endpoint, and the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service at %1 (database “%2”) has no table “%3” (%4); check the table name of the export dataset in the endpoint&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service at %1 could not read the table “%2” (%3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AepSettings</name>
    <message>
        <source>The Adobe IMS address “%1” of “%2” is not an http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Experience Platform address “%1” of “%2” is not an http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organisation id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client id (API key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>destination dataset id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service table name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Adobe Experience Platform endpoint “%1” lacks: %2. Complete it in the endpoint&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Adobe Experience Platform endpoint “%1” has no Query Service host; copy it from Queries › Credentials in Experience Platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Query Service port of “%1” is not a port number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Query Service SSL mode “%1” of “%2” is not one of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query dialect “%1” of “%2” is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Query Service table name “%1” of “%2” is not a plain table name (letters, digits and underscores); copy it from the dataset&apos;s page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person id field “%1” of “%2” is not a field name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApsisApi</name>
    <message>
        <source>APSIS One refused the access token of “%1” even after signing in again; check the client id and secret of the endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The APSIS One API key of “%1” may not do this (HTTP 403: %2); check the key&apos;s permissions in APSIS One.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One (“%1”) answered HTTP %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApsisDetails</name>
    <message>
        <source>The cached definitions of this APSIS One segment are missing or out of date; refresh the endpoint&apos;s audiences and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One segment of the section “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApsisExportConverter</name>
    <message>
        <source>The file is not an APSIS One profile export (it is a list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not an APSIS One profile export (its profiles are a list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not an APSIS One profile export (it holds a single value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not an APSIS One profile export (its profiles are not an object).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the downloaded export %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The APSIS One export file is damaged or incomplete (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not an APSIS One profile export (it has no “profiles”).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApsisExportRequest</name>
    <message>
        <source>The source option “%1” must be a date and time in ISO 8601, e.g. 2025-01-31T00:00:00Z; it is “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The APSIS One segment “%1” has no discriminator; refresh the endpoint&apos;s audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The APSIS One segment “%1” has no column “%2”. Its columns are profileKey, %3. Fix the mapping, or refresh the endpoint&apos;s audiences if the attribute is new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One exports at most %1 attributes and %2 tags at a time: %3 attribute(s) and %4 tag(s) of “%5” are left out. Map the columns you need to choose them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source option “events” must be a list of event names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The section “%1” of APSIS One has no event “%2” (it has no events).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The section “%1” of APSIS One has no event “%2”; it has %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one attribute or tag of “%1” to export: APSIS One exports only the profiles that have one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An APSIS One export may hold at most %1 attributes; the mapping reads %2. Split the share or map fewer attributes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An APSIS One export may hold at most %1 tags; the mapping reads %2. Split the share or map fewer tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source option “eventDays” must be a number of days from 1 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use either “eventDays” or “startAt”/“endAt” for the event window, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events need a time window: set the source option “startAt” (and optionally “endAt”, at most %1 months later) to export events of “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source option “endAt” needs a “startAt” as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event window ends (%1) before it starts (%2); “endAt” must come after “startAt”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One exports events of at most %1 months at a time; the window from %2 to %3 is longer. Move “startAt” or “endAt” closer together.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApsisFetch</name>
    <message>
        <source>The share asks APSIS One for other columns or events than before the interruption; requesting a new export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resuming: the APSIS One export %1 of “%2” is already downloaded and read (%n profile(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resuming: the APSIS One export %1 of “%2” is already downloaded; reading it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The APSIS One export %1 expired while the run was interrupted; requesting a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming the APSIS One export %1 of “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requesting the export of “%1” from APSIS One failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One accepted the export of “%1” but sent no usable poll address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One sent an unencrypted (http) poll address for the export of “%1”; it was not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested a profile export of “%1” from APSIS One (export %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the export expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>processing the export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded the APSIS One export %1 (%2 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the export of “%1” from APSIS One failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One kept losing the export of “%1” (%2); try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The APSIS One export %1 is no longer available (%2); requesting a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>APSIS One could not prepare the export of “%1” (%n attempt(s)): %2. Try again later, or contact APSIS support if it persists.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>APSIS One could not prepare the export %1 (%2); requesting a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded APSIS One export could not be read (%1); downloading it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Read %n profile(s) from the APSIS One export of “%1”; %2 repeated event deliveries were counted once.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Read %n profile(s) from the APSIS One export of “%1”.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The APSIS One export has not been downloaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CjaProfileDelivery</name>
    <message>
        <source>A CJA profile file is the whole audience: it can be added or replace one, not remove members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience has no id to write as audienceMembershipId: set “audienceMembershipId” in the share&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the columns (%1) is the person id: map one column to “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile file is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote the CJA profile file %1 with %n profile(s) of “%2”.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CjaProfileDestination</name>
    <message>
        <source>Person ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>DateReformat</name>
    <message>
        <source>The date transform needs the pattern the dates are written in and the one to write, for example date(dd/MM/yyyy&gt;yyyy-MM-dd).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date pattern “%1” has time fields; the date transform handles dates only (d, M, y).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date pattern “%1” has no day, month or year (d, M, y).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a date in the form %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeltaStage</name>
    <message>
        <source>The share&apos;s identifiers changed since the delivery of %1, so the whole audience is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmailNormaliser</name>
    <message>
        <source>there is nothing after the @</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain “%1” has no dot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain “%1” has a misplaced dot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an e-mail address: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already a SHA-256 hash, not an e-mail address; leave the e-mail transform out for a column of hashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it contains a space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has more than one @</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no @</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is nothing before the @</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is nothing but dots before the @</source>
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
        <source>The exchange</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>FileTarget</name>
    <message>
        <source>The destination “%1” has no folder set.</source>
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
    <name>FountApi</name>
    <message>
        <source>The access token of “%1” may not do this (HTTP 403: %2); give the personal access token read access to audiences in your Fount profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount (“%1”) does not know this (HTTP 404: %2); refresh the endpoint&apos;s audiences — the audience may have been deleted or made private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount (“%1”) refused the request (HTTP 422): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount (“%1”) kept answering “too many requests” (HTTP 429): its limit of 500 requests a minute is shared by all of the user&apos;s tokens. Run the share again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount (“%1”) answered HTTP %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount sent an answer that cannot be read (not a JSON object); try again later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FountFetch</name>
    <message>
        <source>“%1” is not a Fount audience id; refresh the audiences of this endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audience %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved Fount export “%1” does not exist or is not a file; choose the JSON file the export webhook delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a Fount export format; use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a column of Fount exports, which have %2 (one per export), or the definition&apos;s %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share reads “%1”, which the %2 export does not have: a Fount export holds one format. Map only the columns of one format, or choose another format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount does not offer %1 for “%2”: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up “%1” in The Fount failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount answered the lookup of audience %1 with another audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming: the %1 of “%2” was already read before the interruption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resuming the %1 of “%2”: %n page(s) already read.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Read the definition of “%1” from The Fount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the respondents of “%1” from The Fount failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the page has no “data” list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page %1 came when page %2 was asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds %1 ids, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it lists the respondents of audience %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of the respondents of “%2” could not be read (%3); asking for it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount sent page %1 of the respondents of “%2” in a form that cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The respondents of “%1” kept changing while they were read (%2, then %3). Run the share again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” now has %2 respondents instead of %3; reading them again from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount sent no respondents on page %1 of %2 for “%3”. Run the share again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount listed more than %1 pages of respondents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount counted %1 respondents in “%2” but sent %3. Run the share again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Read %1 %2 of “%3” from The Fount (%n page(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The file “%1” is not a Fount audience export (it has no audience id).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” is the export of audience %2 (“%3”), not of “%4” (%5); choose the export of this audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export “%1” holds no respondents (it may be an audience definition export); export the audience as %2 in The Fount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export “%1” does not hold %2 (its first id is “%3”); set the share&apos;s format to the one the export was made in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1 %2 of “%3” from the saved Fount export (exported %4 by %5, %6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at an unknown time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown operating company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” is too large for an audience definition export; choose the definition export, or set the share&apos;s format to the respondent format the export holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” is not a Fount audience export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience has not been read from The Fount yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FountFormats</name>
    <message>
        <source>Audience definition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BAV respondent IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience Origin respondent IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience Origin progressive numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no respondent-level study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BAV study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience Origin study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Honeycomb study (BAV and Audience Origin fused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exist only for audiences of BAV or Honeycomb studies; this audience is in a %2 (The Fount marks it as not available for the BAV dataset).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exist only for audiences of Audience Origin or Honeycomb studies; this audience is in a %2 (The Fount marks it as not available for respondent-level data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 need BAV&apos;s approval of this integration, and the endpoint&apos;s approvals do not include it; ask BAV for approval, then add “bav” to the endpoint&apos;s approvals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 need Choreograph&apos;s approval of this integration, and the endpoint&apos;s approvals do not include it; ask Choreograph for approval, then add “choreograph” to the endpoint&apos;s approvals.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FountIdStream</name>
    <message>
        <source>the “%1” list holds objects, not ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a list, not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the “%1” list holds lists, not ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the “%1” list holds something other than ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON could not be read (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FountPayloadDelivery</name>
    <message>
        <source>A Fount payload is the whole audience: it can be added or replace one, not remove members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the columns (%1) is the respondent id: map one column to “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload file is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote the Fount payload %1 with %n respondent(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1, sent to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination “%1” has an unknown delivery “%2”: use “file” or “webhook”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination “%1” delivers by webhook but its contact URL is not an http(s) address: enter the receiver&apos;s URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No webhook secret is stored for “%1”: enter the secret the receiver checks BAV-Signature with in the endpoint&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1 to sign it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook receiver at %1 did not take the payload (%2); trying again in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered the payload to the webhook receiver at %1 (BAV-Delivery %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook receiver at %1 refused the payload&apos;s signature (%2): the webhook secret stored for “%3” is not the one it expects. Enter the secret again in the endpoint&apos;s settings. The payload is in %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The webhook receiver at %1 did not take the payload after %n attempt(s) (last: %2). The payload is in %3.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FountPayloadDestination</name>
    <message>
        <source>Respondent id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ga4Api</name>
    <message>
        <source>Too many requests ran against the property at once; try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily quotas reset at midnight Pacific time; try again after %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily quotas reset at midnight Pacific time; try again tomorrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hourly quotas refill within the hour; try again after %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service-account key stored for “%1” cannot be used: %2. Create a new JSON key for the service account in the Google Cloud console and paste the whole file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google refused the access token pasted for “%1”; such tokens last an hour. Paste a new one, or connect with a service account or a Google sign-in instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google no longer accepts the sign-in of “%1” (HTTP 401). Reconnect this endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in of “%1” does not allow reading Google Analytics (%2). Reconnect the endpoint and grant read access to Analytics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Google account of “%1” has no access to GA4 property %2 (%3). Add the service account or the signed-in user to the property as a Viewer, or check the property id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP 403</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GA4 quota of property %1 is exhausted (%2), even after waiting and retrying. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP 429</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics kept failing for “%1” (HTTP %2%3). Google counts such errors against a small hourly quota; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics refused the request of “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics answered “%1” with HTTP %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ga4Fetch</name>
    <message>
        <source>“%1” is not a GA4 audience id; refresh the audiences of this endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a dimension of GA4 audience exports, which have only %2. Change the share&apos;s mapping to use those.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming the audience export %1 of “%2”; %3 row(s) already downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics listed more than %1 pages of audience exports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reusing the audience export %1 of “%2”, created %3, instead of creating a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An audience export of “%1” is already being created (%2); waiting for it instead of creating another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics accepted the audience export of “%1” but did not say its name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested an audience export of “%1” from Google Analytics (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics no longer has it; exports expire 72 hours after they are created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics did not finish the audience export of “%1” within %2 minutes. Large audiences can take long; run the share again later, or raise the endpoint&apos;s export timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience export %1 has other dimensions (%2) than were asked for (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience export %1 now has %2 rows instead of %3; downloading it again from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience export of “%1” is ready: %2 row(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Asking for the rows from %2 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience export %1 changed while it was read (%2 rows, then %3). Run the share again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics sent no rows from row %1 of the audience export of “%2”, which has %3. Run the share again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics sent more rows than the audience export of “%1” has (%2 from row %3 of %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics kept losing the audience export of “%1” (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience export %1 is no longer available (%2); creating a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics could not create the audience export of “%1” (%2); requesting it once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics could not create the audience export of “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ga4Listing</name>
    <message>
        <source>Google Analytics kept sending more pages of audiences for “%1” (%2 so far); the listing was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ga4QueryPage</name>
    <message>
        <source>the answer is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its rowCount is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a row is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a dimension value is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %1 has %2 value(s) for %3 dimension(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A page of the audience export cannot be read (%1, at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ga4ServiceAccountKey</name>
    <message>
        <source>it is not a JSON key file (download a JSON key, not a P12 one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a “%1” file, not the key of a service account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it names no service account (client_email is missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds no private key (private_key is missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its private key cannot be read (the file may have been edited or cut short)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its private key is not an RSA key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its token_uri is not a URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the private key of the service account cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the assertion could not be signed with the service account&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ga4Settings</name>
    <message>
        <source>Google Analytics 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GA4 property %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GA4 property id of “%1” is not set. Enter the numeric property id (Admin → Property details in Google Analytics).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a GA4 property id (of “%2”): it is a number such as 1234567, shown under Admin → Property details in Google Analytics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in method “%1” of “%2” is unknown; choose a service account, Google sign-in or a pasted access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Admin API address of “%1” is not a valid http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Data API address of “%1” is not a valid http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token address of “%1” is not a valid http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number in the settings of “%1” (page size, query limit, reuse hours or export timeout) is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No service-account key is stored for “%1”. Paste the JSON key file of a service account that has Viewer access to property %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not signed in to Google. Sign in again to connect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OAuth client id of “%1” is not set; it is needed to renew the Google sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No access token is stored for “%1”. Paste a current one.</source>
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
    <name>JsonFileWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: a second JSON document in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: a JSON value without a name in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: unbalanced JSON object in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: unbalanced JSON array in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: a JSON name out of place in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: the JSON document in %1 is unfinished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot finish writing %1: %2</source>
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
    <message>
        <source>The default region “%1” is not a country; use its two-letter code, such as SE or US.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; has no source column and no constant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The constant of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Mapping</name>
    <message>
        <source>The default region “%1” is not a country; use its two-letter code, such as SE or US.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reject limit must be a percentage from 0 to 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mapped field has no target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field “%1” has no source column and no constant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no target field. Write TARGET==VALUE, for example country==SE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; gives no value. Write TARGET==VALUE, for example country==SE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no source column. Write TARGET=SOURCE, for example email=E-mail:email,sha256, or TARGET==VALUE for a constant.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingIssue</name>
    <message>
        <source>&quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reject limit is %1 %, but it must be between 0 and 100 %: set it to the share of rejected rows at which a run should fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default region &quot;%1&quot; is not a country code: use a two-letter ISO 3166 code such as SE, DE or US.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has neither a source column nor a fixed value: choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reads the column &quot;%2&quot;, which the source does not have. Choose one of its columns: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reads the column &quot;%2&quot;, but the source has several columns by that name: write the name exactly as in the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination does not accept the field %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination does not accept the field %1. It accepts: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did you mean %1? Field names are case-sensitive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map the column to one of these fields or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column &quot;%1&quot; holds SHA-256 hashes already, and no hash passes as an address, a phone number or a date: keep only trim, lowercase and sha256 for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has sha256 more than once: keep a single sha256 at the end of its transforms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination takes %1 unhashed: remove sha256 from its transforms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination takes %1 only as a SHA-256 hash: add sha256 as its last transform (values that are hashes already stay as they are).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination takes %1 only as a SHA-256 hash, but %2 comes after sha256 and changes it: move sha256 to the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is hashed without e-mail normalisation, and hashes of un-normalised addresses never match: add the email transform before sha256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is hashed without phone normalisation, and hashes of un-normalised numbers never match: add %2 before sha256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination takes %1 as digits without the plus: use phone_digits instead of phone_e164.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 normalises phone numbers, but the share has no default region: numbers without a country code will be rejected. Set the default region (such as SE or US).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination recognises members by %1: mark it as an identifier, so rows without any identifier are set aside instead of sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination does not recognise members by %1, it only describes them: unmark it as an identifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination requires %1: map a source column to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The destination needs at least %n identifier(s) to recognise members: mark the fields that say who a member is (such as an e-mail address) as identifiers.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The destination needs at least %n identifier(s) to recognise members: map a source column to one of %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The mapping has no fields: map at least one source column to a destination field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mapped field has no destination name: name it or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is mapped more than once: keep one mapping and remove the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transform %1 of %2 cannot work: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingPreview</name>
    <message>
        <source>%1 % of rows carry a valid %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sample rows to check %1 with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping cannot be applied to this source.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetaApi</name>
    <message>
        <source>The Meta endpoint “%1” names the API version “%2”; it must look like %3. Edit the endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Meta endpoint “%1” has no ad account id, which is needed to create a custom audience. Edit the endpoint (the number after “act_” in Ads Manager), or give the share the id of an existing custom audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ad account id “%1” of the Meta endpoint “%2” is not a number. Edit the endpoint (the number after “act_” in Ads Manager).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta refused the access token of “%1”: it is invalid, has expired or was revoked (%2). Reconnect the endpoint with a new system-user access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta blocked uploads to %1 (“Audience upload blocked”): the audience was flagged, or the ad account has not accepted the Custom Audience terms. Check the audience in Meta Ads Manager; if it stays blocked, clear the share&apos;s custom audience id so that the next run creates a new audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta says %1 does not exist or the access token of “%2” may not use it. Check the ad account and audience ids, and that the system user is assigned to the ad account with permission to manage its audiences (ads_management).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta refused the request for lack of permission (error %1: %2). Give the system user of “%3” the ads_management permission on the ad account, and accept the Custom Audience terms in Ads Manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta refused the request about %1 (error %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Meta trace id %1.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Meta kept limiting the requests of “%1” (error %2: %3) after %n attempt(s), so the run gave up. Meta lifts the limit after a while (usually within an hour): run the share again later, or lower how often it runs.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetaCall</name>
    <message>
        <source>No access token is stored for the Meta endpoint “%1”. Reconnect it with a system-user access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta answered HTTP %1 to the request about %2, without saying why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 It kept failing after %n attempt(s); try again later.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Meta is limiting the requests (error %1); trying again in %2 s (attempt %3 of %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta had a temporary problem (error %1); trying again in %2 s (attempt %3 of %4).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetaDelivery</name>
    <message>
        <source>The mapping sends the column “%1”, which Meta&apos;s customer list does not have. Map the columns to Meta&apos;s fields (EMAIL, PHONE, MADID, EXTERN_ID, FN, LN, …) in the share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping sends the field %1 twice; map it once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping sends no identifier Meta can match people by: map at least one of EMAIL, PHONE, MADID or EXTERN_ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared by Audience Courier from “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ad account act_%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta created the custom audience but sent no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created the custom audience “%1” (%2) in the ad account act_%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot keep batch %1 in the run&apos;s work folder (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery was not opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1 has %2 rows; Meta takes at most %3 per request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1 arrived after batch %2; the Meta delivery cannot continue. Run the share again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta received %1 row(s) to add to %2; %3 of them could not be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta received %1 row(s) to remove from %2; %3 of them could not be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta received %1 row(s) to replace the members of %2; %3 of them could not be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta may take up to 24 hours to update the audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There were no members to send, and Meta cannot replace the members of a custom audience with none: %1 was left as it was. To empty it, share its members with the Remove action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There were no rows to send to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1, held back for the end of the Meta session, cannot be read from the run&apos;s work folder (%2). Run the share again: it starts a new session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta could not use %1 of the %2 row(s) of batch %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta says: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hashed fields must be the SHA-256 of the normalised value: map e-mail addresses through “email, sha256” and phone numbers through “phone_digits, sha256”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience Courier share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the custom audience %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a custom audience on “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the custom audience “%1” (%2) on “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the custom audience %1 on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetaSchema</name>
    <message>
        <source>Email address (trimmed, lower case; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number (digits with country code, no +; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile advertiser id (GAID/IDFA, not hashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own member id (not hashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name (lower case, no punctuation; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name (lower case, no punctuation; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First initial (lower case; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender (m or f; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth year (YYYY; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth month (MM; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth day (DD; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City (lower case, no spaces or punctuation; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State or region (2-letter code in the US, lower case; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code (lower case, no spaces; US: 5 digits; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country (2-letter ISO code, lower case; SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxDelivery</name>
    <message>
        <source>The exchange “%1” pulls its data from Audience Courier, but the app&apos;s exchange listener is not running, so there is nowhere to pull from. Check the log for why it did not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key is stored for the exchange “%1”; reconnect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” has no address to tell when data is ready; reconnect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no columns to send; the first one must be the member key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting again for the exchange “%1” to pull job %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prepared part %1 cannot be read back; run the share again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s exchange listener stopped before the exchange “%1” could be told the data is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” could not be told that the data is ready: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Told the exchange “%1” that %n row(s) are ready to pull (job %2); waiting up to %3 for it to take them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 for the exchange “%2” is no longer in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” is pulling the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” applied the data (%2): %3 row(s) accepted, %4 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” applied the data (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It says: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” could not apply the data: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it gave no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” did not pull the file before its link expired (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” pulled the file but has not reported back within %2; the run ends without its result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange “%1” has not pulled the file within %2; it stays available for it to pull until %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>job %1 in the outbox, for the exchange “%2” to pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file in the outbox, for the exchange “%1” to pull</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhoneNormaliser</name>
    <message>
        <source>%1 is already a SHA-256 hash, not a phone number; leave the phone transform out for a column of hashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no country code and the share has no default region: write numbers with +country code, or set the default region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not start with a known country code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too short to be a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long to be a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid number for region %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid number for country code +%2.</source>
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
    <name>PushedFetch</name>
    <message>
        <source>“%1” pushes its audiences to Audience Courier, but the app&apos;s exchange inbox is not running; restart the app to receive them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been pushed for “%1” yet: its endpoint “%2” has to push it to the app&apos;s exchange inbox first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of the audience “%1” pushed on %2 is missing or changed (%3); ask “%4” to push it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reading the version of “%1” pushed on %2: %n row(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The pushed audience has not been fetched.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunRecording</name>
    <message numerus="yes">
        <source>Wrote %Ln row(s) in %1 s.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %Ln row(s); they are in %1 with the reasons.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShapeGuess</name>
    <message>
        <source>any text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mobile advertising ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 hashes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>country codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>postal codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestedMapping</name>
    <message>
        <source>&quot;%1&quot; has the field&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is another name for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name &quot;%1&quot; contains &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % of the sample values of &quot;%2&quot; look like %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is kept under its own name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its values are SHA-256 hashes already: they are not normalised, and sha256 keeps them as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The values are normalised, then hashed with SHA-256 as the destination requires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is an identifier: its name says who a member is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is an identifier: its values look like %1.</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Unknown transform &quot;%1&quot;. Known transforms: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map transform needs at least one value to replace, for example map(Female=f,Male=m).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map transform lists “%1” more than once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default transform needs the value for empty cells, for example default(SE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address (trimmed, lower case)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address, Gmail dots removed (Google)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number as +46701234567 (Google)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number as 46701234567 (Meta)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value for empty cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A transform must be a name or an object with a &quot;name&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no closing parenthesis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: write date(FROM&gt;TO) with one &quot;&gt;&quot; between the patterns; a &quot;&gt;&quot; inside a pattern is written \&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: write each replacement as VALUE=REPLACEMENT, for example map(Female=f,Male=m); a &quot;=&quot; or &quot;,&quot; inside a value is written \= or \,.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transform &quot;%1&quot; takes no parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be hashed: OpenSSL&apos;s SHA-256 failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::AepListing</name>
    <message>
        <source>Listing the audiences of “%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::AepTokenSession</name>
    <message>
        <source>The Adobe Experience Platform endpoint “%1” has no client id or no client secret; enter the Developer Console project&apos;s OAuth server-to-server credentials and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to Adobe IMS for “%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS answered the sign-in of “%1” without an access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS refused the sign-in of “%1” (HTTP 400: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe IMS did not accept the client id and secret of “%1” (HTTP %2: %3); check the client id and client secret of the Developer Console project&apos;s OAuth server-to-server credential and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ApsisTokenSession</name>
    <message>
        <source>The APSIS One endpoint “%1” has no client id or no client secret; enter the API key&apos;s client id and secret and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to APSIS One (“%1”) failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One (“%1”) answered the sign-in without an access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One (“%1”) refused the sign-in (HTTP 400: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One did not accept the client id and secret of “%1” (HTTP %2); check the client id and secret of the API key and connect again.</source>
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
    <name>courier::AudienceVersionRepository</name>
    <message>
        <source>Could not read the audience “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the pushed audience “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audience version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audience&apos;s latest version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audience versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the pushed audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count the audience versions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::CjaProfileDestinationConnector</name>
    <message>
        <source>no tenant id is set. Enter the Experience Platform tenant id, with its leading underscore (e.g. “_mytenant”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tenant id “%1” must start with an underscore, as Experience Platform writes it (“_%1”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tenant id “_” needs a name after the underscore (e.g. “_mytenant”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tenant id “%1” may only hold letters, digits and underscores.</source>
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
    <name>courier::DeltaBuilder</name>
    <message>
        <source>The mapping has no identifier column, so the members sent last time cannot be told apart: mark at least one column as an identifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping&apos;s identifier columns do not match its columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapped rows have %1 columns instead of the mapping&apos;s %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes since the last delivery were already worked out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identifier columns changed since the last delivery (%1, now %2), so the changes cannot be worked out; the whole audience has to be sent once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scratch file of the delta is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of the members delivered last time is damaged.</source>
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
    <message>
        <source>The share is running; try the dry run when that run has ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ExternalSorter</name>
    <message>
        <source>A sorted scratch file is cut short.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::FountListing</name>
    <message>
        <source>Listing the audiences of The Fount (“%1”) failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount (“%1”) answered the audience listing without a list of audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount (“%1”) sent page %2 of the audiences when page %3 was asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount (“%1”) listed more than %2 pages of audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::FountTokenSession</name>
    <message>
        <source>The Fount did not accept the access token of “%1” (HTTP 401); check the access token — a personal access token from your Fount profile, with read access to audiences — and connect the endpoint again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount endpoint “%1” has no access token; create a personal access token in your Fount profile and connect the endpoint again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::Ga4BrowserSignIn</name>
    <message>
        <source>Google sign-in is not set up in this build of Audience Courier (no OAuth client). Use a service-account key file instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google sign-in could not open a local port on 127.0.0.1 to receive the browser&apos;s answer. Check that no security software blocks local connections, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google&apos;s answer has reached Audience Courier. You can close this tab and return to Audience Courier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Google sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to Google Analytics was declined in the browser. Sign in again and choose Allow to let Audience Courier read your audiences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google did not sign you in (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google did not sign you in (%1: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google refused the sign-in (%1). Start the sign-in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google refused the sign-in (%1: %2). Start the sign-in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google&apos;s token endpoint answered HTTP %1. Try the sign-in again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach Google&apos;s token endpoint: %1. Check the network connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google&apos;s token endpoint gave an answer without an access token. Try the sign-in again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google signed you in but sent no refresh token, so Audience Courier could not stay connected. Start the sign-in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The Google sign-in timed out: the browser did not come back within %n minute(s). Start the sign-in again when you are ready.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The Google sign-in timed out: the browser did not come back within %n second(s). Start the sign-in again when you are ready.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>courier::Ga4OAuthSession</name>
    <message>
        <source>Could not get an access token from Google for “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google&apos;s sign-in service sent no access token for “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::Ga4RefreshTokenSession</name>
    <message>
        <source>“%1” is not signed in to Google. Sign in again to connect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google no longer accepts the sign-in of “%1” (%2). Sign in with Google again: the access was revoked, or it expired unused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google does not accept the OAuth client of “%1” (%2). Check its client id and client secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google&apos;s sign-in service refused the sign-in of “%1”: %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::Ga4ServiceAccountSession</name>
    <message>
        <source>The service-account key of “%1” cannot be used: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google refused the service-account key of “%1” (%2). Check the key file: the key may have been deleted or replaced in the Google Cloud console, or the service account disabled; this computer&apos;s clock must also be right. Paste a current JSON key of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google refused the Analytics read-only scope for the service account of “%1” (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google refused the service account %1 of “%2” (%3). Check in the Google Cloud console that it still exists and is enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google&apos;s sign-in service refused the service account of “%1”: %2 (%3).</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The transfer from %1 kept failing after %n attempt(s): %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>courier::JsonAnswer</name>
    <message>
        <source>%1 sent an answer that cannot be read (not a JSON object).</source>
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
    <name>courier::OutboxRepository</name>
    <message>
        <source>Could not record the file prepared for the exchange to pull.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the pull in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the interrupted pull in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the exchange&apos;s report in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not renew the outbox link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not update the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the job from the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not tidy the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::Poller</name>
    <message numerus="yes">
        <source>The export was still not ready after %1 minutes (%n check(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message>
        <source>Dry run of “%1” from %2 to %3: the audience is fetched and mapped, nothing is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping does not fit %1, so nothing was sent: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % of the rows were rejected (%2 of %3), more than the share allows (%4 %). The rejected rows and their reasons are in the run&apos;s rejected-rows file; fix the source or the mapping, or raise the limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows repeat a member already in the audience; each member is sent once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new, %2 changed, %3 removed, %4 unchanged since the delivery of %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: nothing was sent. Members: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: nothing was sent. The share would %1 %2 members at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members: %1 Only the changes are sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed since the last delivery; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removing %n member(s) that left the audience.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n new or changed member(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The members were delivered, but what was sent could not be remembered, so the next run sends everything again: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were rejected; they are kept with their reasons in %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <name>courier::SnapshotReader</name>
    <message>
        <source>Could not read the members delivered last time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of the members delivered last time is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of the members delivered last time is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::SnapshotRepository</name>
    <message>
        <source>Could not read the members delivered last time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of the members delivered last time is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start recording the members delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the members delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of the members just delivered is gone, so the next run will send the whole audience again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not replace the members delivered last time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete an unfinished record of members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the unfinished records of members.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::SnapshotWriter</name>
    <message>
        <source>Could not record the members delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the members delivered: they came out of order.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::SpoolReader</name>
    <message>
        <source>Cannot read the scratch file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::SpoolWriter</name>
    <message>
        <source>Cannot create the scratch file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding %1 is full. Free some space on it and run the share again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the scratch file %1: %2</source>
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
    <message>
        <source>Fetch and map the named shares and print what would change at the destination (new, changed and removed members), without sending anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--dry-run takes named shares, not --all-due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run #%1: dry run of &quot;%2&quot;</source>
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
    <name>courier::inbox::Http</name>
    <message>
        <source>The request has no request line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request line is not “METHOD /path HTTP/1.1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only HTTP/1.1 is supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header line %1 is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::inbox::OutboxRoutes</name>
    <message>
        <source>No such path; pull from /exchange/v1/outbox/{jobId}/data and report to /exchange/v1/outbox/{jobId}/status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pull the file with GET.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report with POST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app cannot read its outbox right now; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No outbox job %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the endpoint&apos;s key as “Authorization: Bearer &lt;key&gt;”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is not this endpoint&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link&apos;s token is missing or wrong; use the URL exactly as it was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link of job %1 expired at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 was already pulled; a link works once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of job %1 is no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of job %1 changed since it was prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link of job %1 expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app cannot update its outbox right now; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunked bodies are not accepted; send Content-Length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the body&apos;s size as Content-Length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content-Length is not a number of bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A report is at most %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the report as “Content-Type: application/json”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only “Expect: 100-continue” is supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“status” must be COMPLETED or FAILED.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“message” must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“message” must be at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“rowsAccepted” and “rowsRejected” must be whole numbers of rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 was already reported as %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::inbox::Service</name>
    <message>
        <source>The exchange inbox cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many pushes at once; try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request line and headers exceed %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not keep the audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not keep the audience (is the disk full?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was not sent in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header row has %1 columns; at most %2 are accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1 of the header row has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header row names the column “%1” twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such path; push to /exchange/v1/push/{endpointId}/audiences/{audienceId}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push an audience with POST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app cannot read its endpoints right now; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoint %1 accepts pushes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the endpoint&apos;s key as “Authorization: Bearer &lt;key&gt;”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is not this endpoint&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunked bodies are not accepted; send Content-Length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the body&apos;s size as Content-Length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content-Length is not a number of bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is %1 bytes; this inbox accepts at most %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the audience as “Content-Type: text/csv” (UTF-8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only “Expect: 100-continue” is supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience id must be 1 to %1 printable characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name must be at most %1 printable characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description must be at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Idempotency-Key must be 1 to %1 visible ASCII characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app cannot read its audiences right now; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a file in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is not valid CSV: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not keep the audience; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not record the audience; try again.</source>
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
    <name>courier::ui::AepConnectPage</name>
    <message>
        <source>Endpoint name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe Experience Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS organisation id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…@AdobeOrg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client id (API key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From an OAuth Server-to-Server credential in the Adobe Developer Console, with access to Experience Platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination dataset id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…platform-query.adobe.io</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;sandbox&gt;:all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset table name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL dialect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adobe Query Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL copy of the export table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dataset id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Service &amp;host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data&amp;base:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;LS mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL dia&amp;lect:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other IMS and Platform addresses, for a proxy or a test server, in place of Adobe&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMS address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;IMS address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform add&amp;ress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisation id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sandbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect Adobe Experience Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the audiences of an Experience Platform sandbox and, when a share runs, exports their members to a dataset and reads them through Query Service. The client secret is kept in your system&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the endpoint a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the IMS organisation id, shown in the Developer Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation id ends with “@AdobeOrg”, such as 0A1B2C3D4E5F60718293A4B5@AdobeOrg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name of the Platform sandbox, such as “prod”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client id (API key) of the credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client secret of the credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the id of the dataset the audience exports go to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your organisation&apos;s Query Service host, shown under Queries › Credentials in Experience Platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the table name of the destination dataset, as Query Service shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The table name “%1” may hold only letters, digits and underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IMS address under Advanced is not a valid http(s) address, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Platform address under Advanced is not a valid http(s) address, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::ApsisConnectPage</name>
    <message>
        <source>APSIS One</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Europe (api.apsis.one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asia-Pacific (api-apac.apsis.one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client id and secret of an APSIS One API key with access to your profiles and segments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another API address, for a proxy or a test server, in place of the region&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect APSIS One</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the segments of an APSIS One account as audiences and, when a share runs, their profiles. The client secret is kept in your system&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the endpoint a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API address under Advanced is not a valid http(s) address, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client id of your APSIS One API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client secret of the API key.</source>
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
    <name>courier::ui::ConnectEndpointDialog</name>
    <message>
        <source>What is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audiences found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the credentials in the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in and loading the audiences of “%1”… You may close this window: they will appear on the Audiences page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>“%1” is connected. %n audience(s) found, now also on the Audiences page:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is connected, but has no audiences yet. Audiences created there later appear after a refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is saved, but its audiences could not be loaded. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect &amp;Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::ConnectPage</name>
    <message>
        <source>Ad&amp;vanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show advanced settings</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln row(s) read</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln row(s) to &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <source>Not resumed: the demo sandbox starts afresh with each start of the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics 4 (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APSIS One (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo&apos;s keys could not be stored in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::EndpointRegistration</name>
    <message>
        <source>it was removed in the meantime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is saved, but its credentials cannot be stored: no keychain is available to this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is saved, but its credentials could not be stored in the keychain: %2 Check that the keychain is unlocked, then connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is connected, but its audiences cannot be loaded from this window.</source>
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
    <message>
        <source>APSIS One</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Fount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::ExchangeConnectPage</name>
    <message>
        <source>Audience exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: audiences come from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination: audiences go to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer type PULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PU&amp;SH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer type PUSH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://exchange.example.com/exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifiers, comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member identifiers it understands, such as email, phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes, comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, such as first_name, country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Identifiers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ttributes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect an Audience Exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registers a system that speaks the audience exchange protocol: one the app pulls segments from, one that pushes its audiences to the app, or one the app delivers audiences to. The bearer key is kept in your system&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app pulls segments from the contact URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It pushes its audiences to the app&apos;s inbox; after connecting, this window shows the address to push to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app pushes audiences to the contact URL in batches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app pulls segments from the contact URL and pushes audiences to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It pushes its audiences to the app&apos;s inbox, and the app pushes audiences to the contact URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the endpoint a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the contact URL, the exchange&apos;s base address such as https://exchange.example.com/exchange.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact URL is not a valid http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid field name: use letters, digits and _ . : - separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a bearer key the producer will send with its pushes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the bearer key the exchange gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bearer key may hold only visible ASCII characters, without spaces.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::FountConnectPage</name>
    <message>
        <source>The Fount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a personal access token in your profile on The Fount; it is sent as a bearer token with every request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another API address, for a proxy or a test server, in place of The Fount&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect The Fount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the audiences of The Fount (WPP BAV) and, when a share runs, their respondents. The access token is kept in your system&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the endpoint a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API address under Advanced is not a valid http(s) address, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a personal access token from your profile on The Fount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token contains a space: paste it again, without the text around it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>courier::ui::Ga4ConnectPage</name>
    <message>
        <source>Endpoint name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Analytics 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GA4 property id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 1234567</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number under Admin › Property details in Google Analytics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service account &amp;key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with &amp;Google in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste an access &amp;token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other addresses for Google&apos;s services, for a proxy or a test server; empty fields use Google&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Property id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service account key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON key file from the Google Cloud console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key fi&amp;le:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google sign-in needs your organisation&apos;s OAuth client of type “Desktop app” (Google Cloud console › APIs &amp; Services › Credentials): this build ships none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…apps.googleusercontent.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in with Google…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access tok&amp;en:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a quick try: an access token expires within an hour and is not renewed. Use a key file or a Google sign-in to keep the endpoint working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token endpoint address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When empty, a key file&apos;s own token address is used, else Google&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in page address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Admin API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;oken endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in page &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect Google Analytics 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the audiences of a Google Analytics 4 property and their members. The account you sign in with needs Viewer access to the property; its credentials are kept in your system&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the GA4 property id: the number under Admin › Property details in Google Analytics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a measurement id. Enter the property id instead: the number under Admin › Property details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The property id is a number such as 1234567 (Admin › Property details), not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client id of your OAuth client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client secret of your OAuth client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in page address under Advanced is not a valid http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint address under Advanced is not a valid http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the endpoint a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a service account&apos;s JSON key file; this file cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the JSON key file of a service account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish signing in in your browser, or cancel the sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with Google to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste an access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An access token is one word, without spaces or line breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Admin API address under Advanced is not a valid http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Data API address under Advanced is not a valid http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service Account Key File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON key files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is too large to be a service account&apos;s key file (those are a few kilobytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be used: it does not say it is a service account key (“type” is missing). Create a JSON key under IAM &amp; Admin › Service accounts › Keys in the Google Cloud console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service account: %1
Check that this address has Viewer access to the property (Admin › Property access management in Google Analytics).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be used: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in your browser: choose the Google account with access to the property and allow Audience Courier to read Google Analytics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your browser could not be opened. Open this address in it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google signed you in without a refresh token, so the sign-in could not be kept. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to Google. Click Connect to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OAuth client changed: sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in Again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GA4 property %1</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message>
        <source>&amp;Share to CSV File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the selected audience&apos;s members to a CSV file (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;udience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect &amp;Google Analytics 4…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect &amp;APSIS One…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Audience Courier window runs this profile; connect endpoints there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available to keep the credentials safe, so endpoints cannot be connected here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Audiences refreshed: %n found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Audience Courier window runs this profile&apos;s shares; share from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the share “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share to a CSV File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share “%1” could not be created. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share “%1” created and started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share “%1” created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect The &amp;Fount…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect Adobe Experience &amp;Platform…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect an Audience E&amp;xchange…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s inbox is not running, so nothing can be pushed to it now. Restart Audience Courier; endpoint %1 can push once the inbox listens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have the producer push each audience with POST to %1{audienceId}, with the header “Authorization: Bearer” and the key entered here (endpoint id %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a system audiences come from or go to</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>courier::ui::ShareToCsvDialog</name>
    <message>
        <source>Share to a CSV File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes the members of “%1” to a CSV file. The share is kept on the Shares page, so you can run it again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new file for each run, named after the share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every column the source sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events count from this many days before each run up to the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run the share now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Events of the last:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the share a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder the file goes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder must be a full path, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name must not contain a folder; choose the folder above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the CSV File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files in %1</source>
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
