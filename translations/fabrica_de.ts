<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>fabrica::AccountActions</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Storage, language, theme, threads, import limits and the API server</source>
        <translation>Datenspeicher, Sprache, Farbschema, Threads, Importgrenzen und API-Server</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>&amp;Benutzer…</translation>
    </message>
    <message>
        <source>Create, change, disable and delete user accounts</source>
        <translation>Benutzerkonten anlegen, ändern, sperren und löschen</translation>
    </message>
    <message>
        <source>Change &amp;Password…</source>
        <translation>&amp;Passwort ändern…</translation>
    </message>
    <message>
        <source>Change the password you sign in with</source>
        <translation>Das Passwort ändern, mit dem Sie sich anmelden</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>Close the window and sign in again, as yourself or as someone else</source>
        <translation>Das Fenster schließen und sich erneut anmelden, als Sie selbst oder als jemand anderes</translation>
    </message>
</context>
<context>
    <name>fabrica::AccountDialog</name>
    <message>
        <source>Storage: %1</source>
        <translation>Datenspeicher: %1</translation>
    </message>
    <message>
        <source>repeat the password</source>
        <translation>wiederholen Sie das Passwort</translation>
    </message>
    <message>
        <source>the passwords differ</source>
        <translation>die Passwörter stimmen nicht überein</translation>
    </message>
</context>
<context>
    <name>fabrica::AddColumnCommand</name>
    <message>
        <source>Add column %1.%2</source>
        <translation>Spalte %1.%2 hinzufügen</translation>
    </message>
</context>
<context>
    <name>fabrica::AddTableCommand</name>
    <message>
        <source>Add table %1</source>
        <translation>Tabelle %1 hinzufügen</translation>
    </message>
</context>
<context>
    <name>fabrica::AfterField</name>
    <message>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Column this one follows</source>
        <translation>Spalte, auf die diese folgt</translation>
    </message>
    <message>
        <source>The column of the same row this one comes after; &quot;none&quot; for no order</source>
        <translation>Die Spalte derselben Zeile, auf die diese folgt; &quot;keine&quot; für keine Reihenfolge</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>fabrica::ApiInput</name>
    <message>
        <source>This route takes a JSON body (Content-Type: application/json), not %1.</source>
        <translation>Diese Route nimmt einen JSON-Anfragetext an (Content-Type: application/json), nicht %1.</translation>
    </message>
    <message>
        <source>The request body must be a JSON object (%1).</source>
        <translation>Der Anfragetext muss ein JSON-Objekt sein (%1).</translation>
    </message>
    <message>
        <source>The request body must be a JSON object (found another JSON value).</source>
        <translation>Der Anfragetext muss ein JSON-Objekt sein (ein anderer JSON-Wert wurde gefunden).</translation>
    </message>
    <message>
        <source>The query parameter &quot;%1&quot; must be a whole number from 0 to %2.</source>
        <translation>Der Abfrageparameter &quot;%1&quot; muss eine ganze Zahl von 0 bis %2 sein.</translation>
    </message>
</context>
<context>
    <name>fabrica::ApiResponse</name>
    <message>
        <source>The server could not complete the request; its log has the details.</source>
        <translation>Der Server konnte die Anfrage nicht ausführen; Einzelheiten stehen in seinem Protokoll.</translation>
    </message>
</context>
<context>
    <name>fabrica::ApiServer</name>
    <message>
        <source>There is no such resource: %1. The API&apos;s routes start with %2.</source>
        <translation>Diese Ressource gibt es nicht: %1. Die Routen der API beginnen mit %2.</translation>
    </message>
    <message>
        <source>The API server is listening already.</source>
        <translation>Der API-Server lauscht bereits.</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>Auf %1, Port %2 kann nicht gelauscht werden: %3</translation>
    </message>
    <message>
        <source>%1 does not take %2; it takes %3.</source>
        <translation>%1 nimmt kein %2 an, sondern %3.</translation>
    </message>
    <message>
        <source>Sign in first: send the token of POST %1/auth/login as &quot;Authorization: Bearer TOKEN&quot;.</source>
        <translation>Melden Sie sich zuerst an: Senden Sie das Token von POST %1/auth/login als &quot;Authorization: Bearer TOKEN&quot;.</translation>
    </message>
    <message>
        <source>The server is stopping.</source>
        <translation>Der Server wird beendet.</translation>
    </message>
    <message>
        <source>The server is sending as many downloads as it may at once; try again shortly.</source>
        <translation>Der Server sendet bereits so viele Downloads gleichzeitig, wie er darf; versuchen Sie es in Kürze erneut.</translation>
    </message>
</context>
<context>
    <name>fabrica::ApiStatusLabel</name>
    <message>
        <source>API: %1</source>
        <translation>API: %1</translation>
    </message>
    <message>
        <source>The REST API answers at %1%2 for programs on this computer; sign in with POST %2/auth/login. Right-click to copy the address.</source>
        <translation>Die REST-API antwortet unter %1%2 für Programme auf diesem Computer; melden Sie sich mit POST %2/auth/login an. Ein Rechtsklick kopiert die Adresse.</translation>
    </message>
    <message>
        <source>API: starting…</source>
        <translation>API: startet…</translation>
    </message>
    <message>
        <source>API: not running</source>
        <translation>API: läuft nicht</translation>
    </message>
    <message>
        <source>&amp;Copy API Address</source>
        <translation>API-Adresse &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Selection</source>
        <translation>&amp;Auswahl kopieren</translation>
    </message>
</context>
<context>
    <name>fabrica::ApiTls</name>
    <message>
        <source>TLS is not available: Qt found no TLS library (OpenSSL 3) on this system.</source>
        <translation>TLS ist nicht verfügbar: Qt hat auf diesem System keine TLS-Bibliothek (OpenSSL 3) gefunden.</translation>
    </message>
    <message>
        <source>Cannot read the TLS certificate file %1: %2</source>
        <translation>Die TLS-Zertifikatsdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The TLS certificate file %1 is too large to be one.</source>
        <translation>Die Datei %1 ist zu groß für ein TLS-Zertifikat.</translation>
    </message>
    <message>
        <source>The TLS certificate file %1 holds no certificate (PEM or DER expected).</source>
        <translation>Die TLS-Zertifikatsdatei %1 enthält kein Zertifikat (PEM oder DER erwartet).</translation>
    </message>
    <message>
        <source>The TLS certificate in %1 expired on %2.</source>
        <translation>Das TLS-Zertifikat in %1 ist am %2 abgelaufen.</translation>
    </message>
    <message>
        <source>Cannot read the TLS key file %1: %2</source>
        <translation>Die TLS-Schlüsseldatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The TLS key file %1 is too large to be one.</source>
        <translation>Die Datei %1 ist zu groß für einen TLS-Schlüssel.</translation>
    </message>
    <message>
        <source>The TLS key file %1 holds no private key that can be read: an unencrypted EC or RSA key in PEM or DER is expected.</source>
        <translation>Die TLS-Schlüsseldatei %1 enthält keinen lesbaren privaten Schlüssel: Erwartet wird ein unverschlüsselter EC- oder RSA-Schlüssel in PEM oder DER.</translation>
    </message>
    <message>
        <source>The TLS key in %1 does not belong to the certificate in %2.</source>
        <translation>Der TLS-Schlüssel in %1 gehört nicht zum Zertifikat in %2.</translation>
    </message>
</context>
<context>
    <name>fabrica::AppSettings</name>
    <message>
        <source>cannot store this URL without its password; leave the password out and let PostgreSQL find it in ~/.pgpass</source>
        <translation>diese URL lässt sich nicht ohne ihr Passwort speichern; lassen Sie das Passwort weg und überlassen Sie es PostgreSQL, es in ~/.pgpass zu finden</translation>
    </message>
    <message>
        <source>cannot write the settings file %1</source>
        <translation>die Einstellungsdatei %1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>fabrica::AuthService</name>
    <message>
        <source>wrong user name or password (after several failed attempts, sign-in pauses for a while)</source>
        <translation>falscher Benutzername oder falsches Passwort (nach mehreren Fehlversuchen ist die Anmeldung eine Weile nicht möglich)</translation>
    </message>
    <message>
        <source>the session has ended; sign in again</source>
        <translation>die Sitzung ist beendet; melden Sie sich erneut an</translation>
    </message>
    <message>
        <source>a user name has 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; or &apos;-&apos;, and starts with a letter or digit</source>
        <translation>ein Benutzername besteht aus 1 bis 64 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; oder &apos;-&apos; und beginnt mit einem Buchstaben oder einer Ziffer</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address</source>
        <translation>&quot;%1&quot; ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>users exist already; an administrator adds further users</source>
        <translation>es gibt bereits Benutzer; weitere Benutzer legt ein Administrator an</translation>
    </message>
    <message>
        <source>only an administrator adds users</source>
        <translation>nur ein Administrator kann Benutzer anlegen</translation>
    </message>
    <message>
        <source>only an administrator sets a user&apos;s password</source>
        <translation>nur ein Administrator kann das Passwort eines Benutzers festlegen</translation>
    </message>
    <message>
        <source>only an administrator sets roles</source>
        <translation>nur ein Administrator kann Rollen festlegen</translation>
    </message>
    <message>
        <source>only an administrator disables users</source>
        <translation>nur ein Administrator kann Benutzer sperren</translation>
    </message>
    <message>
        <source>the current password is wrong (after several failed attempts, the check pauses for a while)</source>
        <translation>das aktuelle Passwort ist falsch (nach mehreren Fehlversuchen pausiert die Prüfung eine Weile)</translation>
    </message>
    <message>
        <source>the password was changed meanwhile; sign in again</source>
        <translation>das Passwort wurde inzwischen geändert; melden Sie sich erneut an</translation>
    </message>
    <message>
        <source>only an administrator changes roles, disables users or sets their passwords</source>
        <translation>nur ein Administrator kann Rollen ändern, Benutzer sperren oder ihre Passwörter festlegen</translation>
    </message>
</context>
<context>
    <name>fabrica::AutosaveStore</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>fabrica::BackupCommand</name>
    <message>
        <source>Back up Fabrica&apos;s storage (users, schemas, runs, stored data) into one file</source>
        <translation>Fabricas Datenspeicher (Benutzer, Schemas, Läufe, gespeicherte Daten) in eine Datei sichern</translation>
    </message>
    <message>
        <source>SQLite storage is copied with SQLite&apos;s online backup API, PostgreSQL storage with pg_dump -Fc; both give a consistent copy while Fabrica keeps working. The file appears only when complete. It holds password hashes: keep it private. `fabrica restore` reads it back.</source>
        <translation>Ein SQLite-Datenspeicher wird mit der Online-Backup-API von SQLite kopiert, ein PostgreSQL-Datenspeicher mit pg_dump -Fc; beide ergeben eine konsistente Kopie, während Fabrica weiterarbeitet. Die Datei erscheint erst, wenn sie vollständig ist. Sie enthält Passwort-Hashes: Halten Sie sie unter Verschluss. `fabrica restore` liest sie wieder ein.</translation>
    </message>
    <message>
        <source>The backup file to write (replaced if it exists).</source>
        <translation>Die zu schreibende Sicherungsdatei (wird ersetzt, falls vorhanden).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>fabrica backup: say where to write the backup with --out FILE; `fabrica backup --help` explains</source>
        <translation>fabrica backup: Geben Sie mit --out DATEI an, wohin die Sicherung geschrieben wird; `fabrica backup --help` erklärt es</translation>
    </message>
    <message>
        <source>fabrica backup: %1</source>
        <translation>fabrica backup: %1</translation>
    </message>
    <message>
        <source>backed up %1 to %2 (%3, %4): storage version %5, users: %6, schemas: %7, runs: %8</source>
        <translation>%1 nach %2 gesichert (%3, %4): Datenspeicher-Version %5, Benutzer: %6, Schemas: %7, Läufe: %8</translation>
    </message>
</context>
<context>
    <name>fabrica::BoundRowsSink</name>
    <message>
        <source>cannot load table %1</source>
        <translation>die Tabelle %1 kann nicht geladen werden</translation>
    </message>
</context>
<context>
    <name>fabrica::CardinalityField</name>
    <message>
        <source>Children per parent</source>
        <translation>Untergeordnete Zeilen je übergeordneter Zeile</translation>
    </message>
    <message>
        <source>Any parent, uniformly</source>
        <translation>Beliebige übergeordnete Zeile, gleichverteilt</translation>
    </message>
    <message>
        <source>Between min and max per parent</source>
        <translation>Zwischen min und max je übergeordneter Zeile</translation>
    </message>
    <message>
        <source>Counts shaped by a distribution</source>
        <translation>Anzahl folgt einer Verteilung</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
</context>
<context>
    <name>fabrica::CellDisplay</name>
    <message>
        <source>NULL</source>
        <extracomment>How a NULL value (no value at all, unlike an empty text) shows in the data preview and a run&apos;s rows.</extracomment>
        <translation>NULL</translation>
    </message>
    <message>
        <source>NULL: no value</source>
        <translation>NULL: kein Wert</translation>
    </message>
</context>
<context>
    <name>fabrica::ChangePasswordDialog</name>
    <message>
        <source>Change Password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>Angemeldet als %1.</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Aktuelles Passwort:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>Neues Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>enter the current password</source>
        <translation>geben Sie das aktuelle Passwort ein</translation>
    </message>
    <message>
        <source>Checking the current password…</source>
        <translation>Das aktuelle Passwort wird geprüft…</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnDefaults</name>
    <message>
        <source>a rental rate: 0.99 to 4.99</source>
        <translation>eine Leihgebühr: 0,99 bis 4,99</translation>
    </message>
    <message>
        <source>a replacement cost: 9.99 to 29.99</source>
        <translation>ein Wiederbeschaffungswert: 9,99 bis 29,99</translation>
    </message>
    <message>
        <source>a rental duration in days: 3 to 7</source>
        <translation>eine Leihdauer in Tagen: 3 bis 7</translation>
    </message>
    <message>
        <source>a duration in milliseconds: 30,000 to 600,000 (half a minute to ten minutes)</source>
        <translation>eine Dauer in Millisekunden: 30.000 bis 600.000 (eine halbe Minute bis zehn Minuten)</translation>
    </message>
    <message>
        <source>a length: 45 to 185</source>
        <translation>eine Länge: 45 bis 185</translation>
    </message>
    <message>
        <source>a duration in seconds: 1 to 3,600</source>
        <translation>eine Dauer in Sekunden: 1 bis 3.600</translation>
    </message>
    <message>
        <source>a duration in minutes: 1 to 240</source>
        <translation>eine Dauer in Minuten: 1 bis 240</translation>
    </message>
    <message>
        <source>a number of hours: 1 to 80</source>
        <translation>eine Anzahl Stunden: 1 bis 80</translation>
    </message>
    <message>
        <source>a number of days: 1 to 30</source>
        <translation>eine Anzahl Tage: 1 bis 30</translation>
    </message>
    <message>
        <source>a duration: 1 to 60</source>
        <translation>eine Dauer: 1 bis 60</translation>
    </message>
    <message>
        <source>an age: 18 to 90</source>
        <translation>ein Alter: 18 bis 90</translation>
    </message>
    <message>
        <source>a number of years: 0 to 40</source>
        <translation>eine Anzahl Jahre: 0 bis 40</translation>
    </message>
    <message>
        <source>a rating: 1 to 5</source>
        <translation>eine Bewertung: 1 bis 5</translation>
    </message>
    <message>
        <source>a percentage: 0 to 100</source>
        <translation>ein Prozentsatz: 0 bis 100</translation>
    </message>
    <message>
        <source>a score: 0 to 100</source>
        <translation>eine Punktzahl: 0 bis 100</translation>
    </message>
    <message>
        <source>a rank or position: 1 to 100</source>
        <translation>ein Rang oder eine Position: 1 bis 100</translation>
    </message>
    <message>
        <source>a quantity: 1 to 100</source>
        <translation>eine Menge: 1 bis 100</translation>
    </message>
    <message>
        <source>a number of pages: 1 to 1,500</source>
        <translation>eine Anzahl Seiten: 1 bis 1.500</translation>
    </message>
    <message>
        <source>a stock level: 0 to 1,000</source>
        <translation>ein Lagerbestand: 0 bis 1.000</translation>
    </message>
    <message>
        <source>a count: 0 to 1,000</source>
        <translation>eine Anzahl: 0 bis 1.000</translation>
    </message>
    <message>
        <source>a size in bytes: 1 KiB to 100 MiB</source>
        <translation>eine Größe in Bytes: 1 KiB bis 100 MiB</translation>
    </message>
    <message>
        <source>a size: 1 to 1,000</source>
        <translation>eine Größe: 1 bis 1.000</translation>
    </message>
    <message>
        <source>a weight: 1 to 100</source>
        <translation>ein Gewicht: 1 bis 100</translation>
    </message>
    <message>
        <source>a dimension: 1 to 250</source>
        <translation>eine Abmessung: 1 bis 250</translation>
    </message>
    <message>
        <source>a yearly salary: 20,000 to 200,000</source>
        <translation>ein Jahresgehalt: 20.000 bis 200.000</translation>
    </message>
    <message>
        <source>a balance: 0 to 10,000</source>
        <translation>ein Kontostand: 0 bis 10.000</translation>
    </message>
    <message>
        <source>a discount: 0 to 50</source>
        <translation>ein Rabatt: 0 bis 50</translation>
    </message>
    <message>
        <source>a tax: 0 to 100</source>
        <translation>eine Steuer: 0 bis 100</translation>
    </message>
    <message>
        <source>a rate in percent: 0 to 25</source>
        <translation>ein Satz in Prozent: 0 bis 25</translation>
    </message>
    <message>
        <source>a price: 0.50 to 500, mostly small</source>
        <translation>ein Preis: 0,50 bis 500, meist niedrig</translation>
    </message>
    <message>
        <source>an amount of money: 0.50 to 1,000, mostly small</source>
        <translation>ein Geldbetrag: 0,50 bis 1.000, meist niedrig</translation>
    </message>
    <message>
        <source>a birth date: 18 to 90 years before the reference date</source>
        <translation>ein Geburtsdatum: 18 bis 90 Jahre vor dem Bezugsdatum</translation>
    </message>
    <message>
        <source>a start date: the 20 years up to the reference date</source>
        <translation>ein Anfangsdatum: die 20 Jahre bis zum Bezugsdatum</translation>
    </message>
    <message>
        <source>a record time: the 3 years up to the reference date</source>
        <translation>ein Erfassungszeitpunkt: die 3 Jahre bis zum Bezugsdatum</translation>
    </message>
    <message>
        <source>a recent event: the year up to the reference date</source>
        <translation>ein kürzliches Ereignis: das Jahr bis zum Bezugsdatum</translation>
    </message>
    <message>
        <source>never negative</source>
        <translation>nie negativ</translation>
    </message>
    <message>
        <source>a language: ISO 639-1 codes</source>
        <translation>eine Sprache: ISO-639-1-Codes</translation>
    </message>
    <message>
        <source>a version number: major.minor.patch</source>
        <translation>eine Versionsnummer: major.minor.patch</translation>
    </message>
    <message>
        <source>a stock keeping unit: three letters and five digits</source>
        <translation>eine Artikelnummer (SKU): drei Buchstaben und fünf Ziffern</translation>
    </message>
    <message>
        <source>a year of birth: 18 to 90 years before the reference year</source>
        <translation>ein Geburtsjahr: 18 bis 90 Jahre vor dem Bezugsjahr</translation>
    </message>
    <message>
        <source>a year: the 30 years up to the reference year</source>
        <translation>ein Jahr: die 30 Jahre bis zum Bezugsjahr</translation>
    </message>
    <message>
        <source> (at most %1, the largest value the column&apos;s SQL type holds)</source>
        <translation> (höchstens %1, der größte Wert, den der SQL-Typ der Spalte fasst)</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnEditor</name>
    <message>
        <source>Column name</source>
        <translation>Spaltenname</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <source>Column description</source>
        <translation>Spaltenbeschreibung</translation>
    </message>
    <message>
        <source>What the column holds, for people</source>
        <translation>Was die Spalte enthält, als Erläuterung für Menschen</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Constraints</source>
        <translation>&amp;Constraints</translation>
    </message>
    <message>
        <source>&amp;JSON</source>
        <translation>&amp;JSON</translation>
    </message>
    <message>
        <source>&amp;Samples</source>
        <translation>Beispiel&amp;werte</translation>
    </message>
    <message>
        <source>Edit %1 of %2</source>
        <translation>%1 von %2 bearbeiten</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Derive from Sa&amp;mples</source>
        <translation>Aus Beispielwerten ab&amp;leiten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Makes the column follow its sample values (%1): few distinct texts become weighted choices, other texts a pick from the samples, numbers and dates their observed range; key columns keep their type. One step to undo.</source>
        <translation>Richtet die Spalte nach ihren Beispielwerten aus (%1): wenige verschiedene Texte werden gewichtete Auswahlen, andere Texte eine Auswahl aus den Beispielwerten, Zahlen und Datumsangaben ihr beobachteter Bereich; Schlüsselspalten behalten ihren Typ. Ein Schritt zum Rückgängigmachen.</translation>
    </message>
    <message>
        <source>%1 has no sample value to derive from.</source>
        <translation>%1 hat keine Beispielwerte, aus denen sich etwas ableiten ließe.</translation>
    </message>
    <message>
        <source>%1 already follows its samples: %2</source>
        <translation>%1 folgt bereits seinen Beispielwerten: %2</translation>
    </message>
    <message>
        <source>Derived %1 from its samples: %2</source>
        <translation>%1 aus den Beispielwerten abgeleitet: %2</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnGridDelegate</name>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnMapper</name>
    <message>
        <source>foreign key to %1</source>
        <translation>Fremdschlüssel auf %1</translation>
    </message>
    <message>
        <source>pattern of array literals (%1)</source>
        <translation>pattern für Array-Literale (%1)</translation>
    </message>
    <message numerus="yes">
        <source>enum of %n value(s), equally weighted (from the type or a CHECK)</source>
        <translation>
            <numerusform>enum mit %n Wert, gleich gewichtet (aus dem Typ oder einem CHECK)</numerusform>
            <numerusform>enum mit %n Werten, gleich gewichtet (aus dem Typ oder einem CHECK)</numerusform>
        </translation>
    </message>
    <message>
        <source>sequence 1, 2, 3 … (%1 generated by the database)</source>
        <translation>sequence 1, 2, 3 … (%1, von der Datenbank erzeugt)</translation>
    </message>
    <message>
        <source>%1 (from the name; SQL type %2)</source>
        <translation>%1 (aus dem Namen; SQL-Typ %2)</translation>
    </message>
    <message>
        <source>precision %1, scale %2</source>
        <translation>precision %1, scale %2</translation>
    </message>
    <message>
        <source>a small object; describe its fields</source>
        <translation>ein kleines Objekt; beschreiben Sie seine Felder</translation>
    </message>
    <message>
        <source>range from a CHECK</source>
        <translation>Wertebereich aus einem CHECK</translation>
    </message>
    <message>
        <source>%1 (from the SQL type %2)</source>
        <translation>%1 (aus dem SQL-Typ %2)</translation>
    </message>
    <message>
        <source>sequence 1, 2, 3 … (%1 primary key)</source>
        <translation>sequence 1, 2, 3 … (%1, Primärschlüssel)</translation>
    </message>
    <message>
        <source>%1, %2 (from the name; SQL type %3)</source>
        <translation>%1, %2 (aus dem Namen; SQL-Typ %3)</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnPreview</name>
    <message>
        <source>the schema has no such column to preview</source>
        <translation>die Spalte für die Vorschau ist im Schema nicht vorhanden</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnProfiler</name>
    <message>
        <source>only NULLs</source>
        <translation>nur NULL-Werte</translation>
    </message>
    <message>
        <source>; %1 NULL or empty</source>
        <translation>; %1 NULL oder leer</translation>
    </message>
    <message>
        <source>; %1 NULL</source>
        <translation>; %1 NULL</translation>
    </message>
    <message>
        <source>; all distinct</source>
        <translation>; alle Werte verschieden</translation>
    </message>
    <message>
        <source>type %1: %2</source>
        <translation>Typ %1: %2</translation>
    </message>
    <message>
        <source>, skewed to the right: lognormal from the smallest</source>
        <translation>, rechtsschief: lognormalverteilt ab dem kleinsten Wert</translation>
    </message>
    <message numerus="yes">
        <source>%n sample value(s)</source>
        <translation>
            <numerusform>%n Beispielwert</numerusform>
            <numerusform>%n Beispielwerte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kept as samples only: a key column&apos;s values are not limited to them</source>
        <translation>%1 nur als Beispielwerte übernommen: die Werte einer Schlüsselspalte sind nicht auf sie beschränkt</translation>
    </message>
    <message>
        <source>the declared values weighted as observed in the samples (%1)</source>
        <translation>die deklarierten Werte, gewichtet wie in den Beispielwerten beobachtet (%1)</translation>
    </message>
    <message>
        <source>enum of the %1 distinct samples, weighted as observed (%2)</source>
        <translation>enum der %1 verschiedenen Beispielwerte, gewichtet wie beobachtet (%2)</translation>
    </message>
    <message>
        <source>sample: drawn from the %1 distinct samples, blend 0 (set &quot;blend&quot; for new values in their style)</source>
        <translation>sample: gezogen aus den %1 verschiedenen Beispielwerten, blend 0 (setzen Sie &quot;blend&quot; für neue Werte in ihrem Stil)</translation>
    </message>
    <message>
        <source>%1 (%2): the type is kept</source>
        <translation>%1 (%2): der Typ wird beibehalten</translation>
    </message>
    <message>
        <source>%1 from the samples: %2</source>
        <translation>%1 aus den Beispielwerten: %2</translation>
    </message>
    <message>
        <source>the samples look like %1 (%2); the type %3 is kept</source>
        <translation>die Beispielwerte sehen aus wie %1 (%2); der Typ %3 wird beibehalten</translation>
    </message>
    <message>
        <source>%1 within %2..%3: the declared range (a CHECK) is kept</source>
        <translation>%1 innerhalb %2..%3: der deklarierte Wertebereich (ein CHECK) wird beibehalten</translation>
    </message>
    <message>
        <source>the samples&apos; range: %1</source>
        <translation>der Wertebereich der Beispielwerte: %1</translation>
    </message>
    <message>
        <source>%1: the declared range is kept</source>
        <translation>%1: der deklarierte Wertebereich wird beibehalten</translation>
    </message>
    <message>
        <source>the samples look like %1 (%2); the declared type %3 is kept</source>
        <translation>die Beispielwerte sehen aus wie %1 (%2); der deklarierte Typ %3 wird beibehalten</translation>
    </message>
    <message>
        <source>true in %1 of the samples (written 1 and 0)</source>
        <translation>true in %1 der Beispielwerte (geschrieben als 1 und 0)</translation>
    </message>
    <message>
        <source>%1 from the samples</source>
        <translation>%1 aus den Beispielwerten</translation>
    </message>
    <message>
        <source>%1, from the samples</source>
        <translation>%1, aus den Beispielwerten</translation>
    </message>
    <message>
        <source>the samples agree with the type %1 (%2)</source>
        <translation>die Beispielwerte passen zum Typ %1 (%2)</translation>
    </message>
    <message>
        <source>NULL in %1 (as in the samples)</source>
        <translation>NULL in %1 (wie in den Beispielwerten)</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnRoutes</name>
    <message>
        <source>&quot;position&quot; must be less than the number of columns, %1.</source>
        <translation>&quot;position&quot; muss kleiner als die Anzahl der Spalten (%1) sein.</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnStatistics</name>
    <message>
        <source>the schema has no such column to describe</source>
        <translation>die zu beschreibende Spalte ist im Schema nicht vorhanden</translation>
    </message>
    <message>
        <source>column statistics were cancelled</source>
        <translation>die Spaltenstatistik wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnStatisticsChart</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Statistics of %1.%2</source>
        <translation>Statistik von %1.%2</translation>
    </message>
    <message>
        <source>The table generates no rows.</source>
        <translation>Für die Tabelle werden keine Zeilen erzeugt.</translation>
    </message>
    <message>
        <source>Every sampled row is NULL.</source>
        <translation>Jede Zeile der Stichprobe ist NULL.</translation>
    </message>
    <message>
        <source>Every sampled value is different (%1 distinct values), so no value stands out.</source>
        <translation>Jeder Wert der Stichprobe ist anders (%1 verschiedene Werte), daher sticht kein Wert hervor.</translation>
    </message>
    <message>
        <source>The values could not be read as %1.</source>
        <translation>Die Werte konnten nicht als %1 gelesen werden.</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>Zahlen</translation>
    </message>
    <message>
        <source>dates or times</source>
        <translation>Datums- oder Zeitwerte</translation>
    </message>
    <message numerus="yes">
        <source>Other (%n values)</source>
        <translation>
            <numerusform>Sonstige (%n Wert)</numerusform>
            <numerusform>Sonstige (%n Werte)</numerusform>
        </translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Vorgegeben</translation>
    </message>
    <message>
        <source>%1 of %2 non-null values: %3</source>
        <translation>%1 von %2 Werten ungleich NULL: %3</translation>
    </message>
    <message>
        <source>Requested: %1</source>
        <translation>Vorgegeben: %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>%1 values: %2 of the non-null values</source>
        <translation>%1 Werte: %2 der Werte ungleich NULL</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Beobachtet</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnStatisticsView</name>
    <message>
        <source>Sampling</source>
        <translation>Stichprobe wird gezogen</translation>
    </message>
    <message>
        <source>Sampling…</source>
        <translation>Stichprobe läuft…</translation>
    </message>
    <message>
        <source>Rows sampled</source>
        <translation>Zeilen in der Stichprobe</translation>
    </message>
    <message>
        <source>NULL</source>
        <translation>NULL</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>Verschiedene Werte</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Sampling the column…</source>
        <translation>Stichprobe der Spalte wird gezogen…</translation>
    </message>
    <message>
        <source>Column statistics</source>
        <translation>Spaltenstatistik</translation>
    </message>
    <message>
        <source>Select a column to see how its generated values are distributed.</source>
        <translation>Wählen Sie eine Spalte aus, um zu sehen, wie ihre erzeugten Werte verteilt sind.</translation>
    </message>
    <message>
        <source>No statistics: %1</source>
        <translation>Keine Statistik: %1</translation>
    </message>
    <message>
        <source>Share of the non-null values in each range. A range cut short by the end of the values is drawn narrower, at the height a full range would have.</source>
        <translation>Anteil der Werte ungleich NULL in jedem Bereich. Ein Bereich, den das Ende der Werte abschneidet, wird schmaler gezeichnet, in der Höhe, die ein vollständiger Bereich hätte.</translation>
    </message>
    <message>
        <source>Share of the non-null values in each range.</source>
        <translation>Anteil der Werte ungleich NULL in jedem Bereich.</translation>
    </message>
    <message>
        <source>Most frequent values as a share of the non-null values. The faint bar and the line mark the share the schema requests.</source>
        <translation>Die häufigsten Werte als Anteil der Werte ungleich NULL. Der blasse Balken und die Linie markieren den Anteil, den das Schema vorgibt.</translation>
    </message>
    <message>
        <source>Most frequent values as a share of the non-null values.</source>
        <translation>Die häufigsten Werte als Anteil der Werte ungleich NULL.</translation>
    </message>
    <message>
        <source>%1 (all rows)</source>
        <translation>%1 (alle Zeilen)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Every row of the table was generated for these statistics.</source>
        <translation>Für diese Statistik wurde jede Zeile der Tabelle erzeugt.</translation>
    </message>
    <message>
        <source>Rows generated in short runs spread evenly over the table.</source>
        <translation>Zeilen, erzeugt in kurzen Abschnitten, die gleichmäßig über die Tabelle verteilt sind.</translation>
    </message>
    <message>
        <source>requested %1</source>
        <translation>vorgegeben %1</translation>
    </message>
    <message>
        <source>%1 of %2 sampled rows are NULL.</source>
        <translation>%1 von %2 Zeilen der Stichprobe sind NULL.</translation>
    </message>
    <message>
        <source>%1 (all different)</source>
        <translation>%1 (alle verschieden)</translation>
    </message>
    <message>
        <source>Different non-null values among the sampled rows.</source>
        <translation>Verschiedene Werte ungleich NULL in den Zeilen der Stichprobe.</translation>
    </message>
    <message>
        <source> (in character order)</source>
        <translation> (in Zeichenreihenfolge)</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
</context>
<context>
    <name>fabrica::ColumnTableModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Unknown data type &quot;%1&quot;</source>
        <translation>Unbekannter Datentyp &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1
Example: %2</source>
        <translation>%1
Beispiel: %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Not null</source>
        <translation>Nicht NULL</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>Eindeutig</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Verweist auf</translation>
    </message>
    <message>
        <source>Null %</source>
        <translation>NULL %</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Constraints</translation>
    </message>
    <message>
        <source>The column&apos;s name in the generated tables and files</source>
        <translation>Der Name der Spalte in den erzeugten Tabellen und Dateien</translation>
    </message>
    <message>
        <source>The data type: what kind of values the column gets</source>
        <translation>Der Datentyp: welche Art von Werten die Spalte erhält</translation>
    </message>
    <message>
        <source>The column never holds NULL</source>
        <translation>Die Spalte enthält nie NULL</translation>
    </message>
    <message>
        <source>Primary key: unique and not null; other tables can reference it</source>
        <translation>Primärschlüssel: eindeutig und nicht NULL; andere Tabellen können darauf verweisen</translation>
    </message>
    <message>
        <source>No value occurs twice in the column</source>
        <translation>Kein Wert kommt in der Spalte zweimal vor</translation>
    </message>
    <message>
        <source>Foreign key: the key column whose values this column takes</source>
        <translation>Fremdschlüssel: die Schlüsselspalte, deren Werte diese Spalte übernimmt</translation>
    </message>
    <message>
        <source>Share of rows that are NULL, in percent</source>
        <translation>Anteil der Zeilen mit NULL, in Prozent</translation>
    </message>
    <message>
        <source>The other settings of the column; edit them in the column editor</source>
        <translation>Die übrigen Einstellungen der Spalte; bearbeiten Sie sie im Spalteneditor</translation>
    </message>
    <message>
        <source>Rename column %1 to %2</source>
        <translation>Spalte %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Set type of %1 to %2</source>
        <translation>Typ von %1 auf %2 ändern</translation>
    </message>
    <message>
        <source>Remove %1 of %2</source>
        <translation>%1 von %2 entfernen</translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation>%1 von %2 festlegen</translation>
    </message>
    <message numerus="yes">
        <source>Move %n column(s)</source>
        <translation>
            <numerusform>%n Spalte verschieben</numerusform>
            <numerusform>%n Spalten verschieben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::CommandLine</name>
    <message>
        <source>fabrica: unknown command &quot;%1&quot;; `fabrica --help` lists the commands</source>
        <translation>fabrica: unbekannter Befehl &quot;%1&quot;; `fabrica --help` listet die Befehle auf</translation>
    </message>
    <message>
        <source>Usage: fabrica [COMMAND] [OPTIONS]</source>
        <translation>Aufruf: fabrica [BEFEHL] [OPTIONEN]</translation>
    </message>
    <message>
        <source>Fabrica generates realistic synthetic test data from database schemas.</source>
        <translation>Fabrica erzeugt realistische synthetische Testdaten aus Datenbankschemas.</translation>
    </message>
    <message>
        <source>Without a command it opens the main window.</source>
        <translation>Ohne Befehl wird das Hauptfenster geöffnet.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Die Version anzeigen.</translation>
    </message>
    <message>
        <source>`fabrica COMMAND --help` describes a command.</source>
        <translation>`fabrica BEFEHL --help` beschreibt einen Befehl.</translation>
    </message>
</context>
<context>
    <name>fabrica::ConstraintChecker</name>
    <message>
        <source>unknown constraint &quot;%1&quot; for type %2 (accepted: %3)</source>
        <translation>unbekannter Constraint &quot;%1&quot; für Typ %2 (zulässig: %3)</translation>
    </message>
    <message>
        <source>unknown constraint &quot;%1&quot; for type %2; did you mean &quot;%3&quot;?</source>
        <translation>unbekannter Constraint &quot;%1&quot; für Typ %2; meinten Sie &quot;%3&quot;?</translation>
    </message>
    <message>
        <source>type %1 needs the constraint &quot;%2&quot; (%3)</source>
        <translation>Typ %1 erfordert den Constraint &quot;%2&quot; (%3)</translation>
    </message>
    <message>
        <source>nullPercent is %1, but the column is %2 and can hold no NULLs</source>
        <translation>nullPercent ist %1, aber die Spalte ist %2 und kann keine NULL-Werte enthalten</translation>
    </message>
    <message>
        <source>a primary key</source>
        <translation>ein Primärschlüssel</translation>
    </message>
    <message>
        <source>NOT NULL</source>
        <translation>NOT NULL</translation>
    </message>
    <message>
        <source>cardinality applies to foreign keys only: add &quot;references&quot; or remove it</source>
        <translation>cardinality gilt nur für Fremdschlüssel: fügen Sie &quot;references&quot; hinzu oder entfernen Sie cardinality</translation>
    </message>
    <message>
        <source>constraint &quot;%1&quot; must be %2, found %3</source>
        <translation>Constraint &quot;%1&quot; muss %2 sein, ist aber %3</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>between %1 and %2</source>
        <translation>zwischen %1 und %2</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>mindestens %1</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>höchstens %1</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>einer der Werte %1</translation>
    </message>
    <message>
        <source>a %1 such as %2</source>
        <translation>ein Wert vom Typ %1 wie %2</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>ein Array von Zeichenketten</translation>
    </message>
    <message>
        <source>an array of numbers</source>
        <translation>ein Array von Zahlen</translation>
    </message>
    <message>
        <source>&quot;table.column&quot;</source>
        <translation>&quot;table.column&quot;</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>, the default</source>
        <translation>, der Standardwert</translation>
    </message>
    <message>
        <source>%1 (%2) is greater than %3 (%4)</source>
        <translation>%1 (%2) ist größer als %3 (%4)</translation>
    </message>
    <message>
        <source>values is empty: list at least one value</source>
        <translation>values ist leer: geben Sie mindestens einen Wert an</translation>
    </message>
    <message>
        <source>values lists &quot;%1&quot; more than once; use weights to make a value more likely</source>
        <translation>values enthält &quot;%1&quot; mehrfach; verwenden Sie weights, um einen Wert wahrscheinlicher zu machen</translation>
    </message>
    <message>
        <source>weights needs values: one weight per value</source>
        <translation>weights erfordert values: ein Gewicht pro Wert</translation>
    </message>
    <message>
        <source>weights has %1 entries but values has %2; give one weight per value</source>
        <translation>weights hat %1 Einträge, values aber %2; geben Sie ein Gewicht pro Wert an</translation>
    </message>
    <message>
        <source>weight #%1 (%2) is negative; weights must be 0 or more</source>
        <translation>Gewicht #%1 (%2) ist negativ; Gewichte müssen 0 oder größer sein</translation>
    </message>
    <message>
        <source>all weights are 0, so no value can be chosen</source>
        <translation>alle Gewichte sind 0, daher kann kein Wert gewählt werden</translation>
    </message>
    <message>
        <source>distribution needs &quot;name&quot;: one of %1, found %2</source>
        <translation>die Verteilung benötigt &quot;name&quot; mit einem der Werte %1, gefunden: %2</translation>
    </message>
    <message>
        <source>distribution %1 takes no parameters, found &quot;%2&quot;</source>
        <translation>die Verteilung %1 hat keine Parameter, gefunden: &quot;%2&quot;</translation>
    </message>
    <message>
        <source>distribution %1 takes %2, found &quot;%3&quot;</source>
        <translation>die Verteilung %1 erlaubt nur %2, gefunden: &quot;%3&quot;</translation>
    </message>
    <message>
        <source>%1 of distribution %2 must be %3, found %4</source>
        <translation>%1 der Verteilung %2 muss %3 sein, ist aber %4</translation>
    </message>
    <message>
        <source>a number greater than 0</source>
        <translation>eine Zahl größer als 0</translation>
    </message>
    <message>
        <source>cardinality is either {&quot;min&quot;: a, &quot;max&quot;: b} or {&quot;distribution&quot;: {…}}</source>
        <translation>cardinality ist entweder {&quot;min&quot;: a, &quot;max&quot;: b} oder {&quot;distribution&quot;: {…}}</translation>
    </message>
    <message>
        <source>cardinality is either {&quot;min&quot;: a, &quot;max&quot;: b} with whole numbers a ≥ 0 or {&quot;distribution&quot;: {…}}, found %1</source>
        <translation>cardinality ist entweder {&quot;min&quot;: a, &quot;max&quot;: b} mit ganzen Zahlen a ≥ 0 oder {&quot;distribution&quot;: {…}}, gefunden: %1</translation>
    </message>
    <message>
        <source>cardinality min (%1) is greater than max (%2)</source>
        <translation>cardinality: min (%1) ist größer als max (%2)</translation>
    </message>
    <message>
        <source>template, character %1: %2</source>
        <translation>template, Zeichen %1: %2</translation>
    </message>
    <message>
        <source>template refers to its own column &quot;%1&quot;</source>
        <translation>template verweist auf die eigene Spalte &quot;%1&quot;</translation>
    </message>
    <message>
        <source>template placeholder {%1} is neither a column of table %2 nor a data type</source>
        <translation>der template-Platzhalter {%1} ist weder eine Spalte der Tabelle %2 noch ein Datentyp</translation>
    </message>
    <message>
        <source>template placeholder {%1} is neither a column of table %2 nor a data type; did you mean {%3}?</source>
        <translation>der template-Platzhalter {%1} ist weder eine Spalte der Tabelle %2 noch ein Datentyp; meinten Sie {%3}?</translation>
    </message>
    <message>
        <source>fields is empty: name at least one field with its {&quot;type&quot;: …}</source>
        <translation>fields ist leer: geben Sie mindestens ein Feld mit seinem {&quot;type&quot;: …} an</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; needs {&quot;type&quot;: …} with a known data type, found %2</source>
        <translation>Feld &quot;%1&quot; benötigt {&quot;type&quot;: …} mit einem bekannten Datentyp, gefunden: %2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; may hold only &quot;type&quot; and a &quot;constraints&quot; object, found &quot;%2&quot;</source>
        <translation>Feld &quot;%1&quot; darf nur &quot;type&quot; und ein &quot;constraints&quot;-Objekt enthalten, gefunden: &quot;%2&quot;</translation>
    </message>
    <message>
        <source>sqlType &quot;%1&quot; is not a size Fabrica knows (varchar(n), char(n), numeric(p,s) or an integer width such as smallint); SQL files and --to use the type&apos;s own SQL type</source>
        <translation>sqlType &quot;%1&quot; ist keine Größe, die Fabrica kennt (varchar(n), char(n), numeric(p,s) oder eine Ganzzahlbreite wie smallint); SQL-Dateien und --to verwenden den eigenen SQL-Typ des Typs</translation>
    </message>
    <message>
        <source>a key name or an array of key names</source>
        <translation>ein Schlüsselname oder ein Array von Schlüsselnamen</translation>
    </message>
</context>
<context>
    <name>fabrica::ConstraintField</name>
    <message>
        <source>Reset %1 to its default</source>
        <translation>%1 auf den Standardwert zurücksetzen</translation>
    </message>
    <message>
        <source>Reset %1</source>
        <translation>%1 zurücksetzen</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Erforderlich.</translation>
    </message>
</context>
<context>
    <name>fabrica::ConstraintForm</name>
    <message>
        <source>This column&apos;s type is unknown, so there is no form for its constraints. Choose a type above, or edit the constraints on the JSON tab.</source>
        <translation>Der Typ dieser Spalte ist unbekannt, daher gibt es kein Formular für ihre Constraints. Wählen Sie oben einen Typ aus oder bearbeiten Sie die Constraints auf der Registerkarte JSON.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Erforderlich.</translation>
    </message>
</context>
<context>
    <name>fabrica::ConstraintJsonEditor</name>
    <message>
        <source>Constraints as JSON</source>
        <translation>Constraints als JSON</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>the constraints must be a JSON object: { &quot;key&quot;: value, … }</source>
        <translation>die Constraints müssen ein JSON-Objekt sein: { &quot;key&quot;: value, … }</translation>
    </message>
</context>
<context>
    <name>fabrica::ConstraintSummary</name>
    <message numerus="yes">
        <source>%1, … %n more</source>
        <translation>
            <numerusform>%1, … %n weiterer</numerusform>
            <numerusform>%1, … %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>values: %1</source>
        <translation>Werte: %1</translation>
    </message>
    <message>
        <source>%1 (weighted)</source>
        <translation>%1 (gewichtet)</translation>
    </message>
    <message>
        <source>%1 false</source>
        <translation>%1: nein</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>after %1 +%2–%3</source>
        <translation>nach %1 +%2–%3</translation>
    </message>
    <message>
        <source>weights by %1</source>
        <translation>Gewichte nach %1</translation>
    </message>
</context>
<context>
    <name>fabrica::CsvReader</name>
    <message>
        <source>1 row</source>
        <translation>1 Zeile</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>1 field</source>
        <translation>1 Feld</translation>
    </message>
    <message>
        <source>%1 fields</source>
        <translation>%1 Felder</translation>
    </message>
    <message>
        <source>a quote or a line break cannot separate fields</source>
        <translation>ein Anführungszeichen oder ein Zeilenumbruch kann keine Felder trennen</translation>
    </message>
    <message>
        <source>the quoted field that starts at %1:%2 never ends: the closing &quot; is missing (a quote inside a quoted field is written twice: &quot;&quot;)</source>
        <translation>das Feld in Anführungszeichen, das bei %1:%2 beginnt, endet nie: das schließende &quot; fehlt (ein Anführungszeichen innerhalb eines Feldes in Anführungszeichen wird doppelt geschrieben: &quot;&quot;)</translation>
    </message>
    <message>
        <source>a quote inside a field that does not start with one; quote the whole field and double the quotes inside it (&quot;say &quot;&quot;hi&quot;&quot;&quot;)</source>
        <translation>ein Anführungszeichen in einem Feld, das nicht mit einem Anführungszeichen beginnt; setzen Sie das ganze Feld in Anführungszeichen und verdoppeln Sie die Anführungszeichen darin (&quot;sag &quot;&quot;hallo&quot;&quot;&quot;)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; after the closing quote of the field that starts at %2:%3, where %4 or the end of the line was expected</source>
        <translation>&quot;%1&quot; nach dem schließenden Anführungszeichen des Feldes, das bei %2:%3 beginnt; erwartet wurde %4 oder das Zeilenende</translation>
    </message>
    <message>
        <source>a tab</source>
        <translation>ein Tabulator</translation>
    </message>
    <message>
        <source>the file is empty: its first line must name the columns</source>
        <translation>die Datei ist leer: ihre erste Zeile muss die Spalten benennen</translation>
    </message>
    <message>
        <source>the header has %1 columns, more than the %2 Fabrica reads</source>
        <translation>die Kopfzeile hat %1 Spalten, mehr als die %2, die Fabrica liest</translation>
    </message>
    <message>
        <source>the first line is empty: it must name the columns</source>
        <translation>die erste Zeile ist leer: sie muss die Spalten benennen</translation>
    </message>
    <message>
        <source>column %1 has no name in the header; it is called %2</source>
        <translation>Spalte %1 hat in der Kopfzeile keinen Namen; sie heißt %2</translation>
    </message>
    <message>
        <source>column %1 is called &quot;%2&quot; like an earlier column; it is called %3 instead</source>
        <translation>Spalte %1 heißt &quot;%2&quot; wie eine frühere Spalte; sie heißt stattdessen %3</translation>
    </message>
    <message>
        <source>%1 more columns were renamed</source>
        <translation>%1 weitere Spalten wurden umbenannt</translation>
    </message>
    <message>
        <source>a column name of %1 characters was cut to the first %2</source>
        <translation>ein Spaltenname mit %1 Zeichen wurde auf die ersten %2 gekürzt</translation>
    </message>
    <message>
        <source>; the row is skipped</source>
        <translation>; die Zeile wird übersprungen</translation>
    </message>
    <message>
        <source>%1 where the header has %2; the row is skipped</source>
        <translation>%1, die Kopfzeile hat aber %2; die Zeile wird übersprungen</translation>
    </message>
    <message>
        <source>a field of %1 characters was cut to the first %2</source>
        <translation>ein Feld mit %1 Zeichen wurde auf die ersten %2 gekürzt</translation>
    </message>
    <message>
        <source>%1 rows with problems were skipped in all; only the first %2 are listed</source>
        <translation>insgesamt wurden %1 fehlerhafte Zeilen übersprungen; nur die ersten %2 sind aufgeführt</translation>
    </message>
    <message>
        <source>%1 fields in all were cut to %2 characters; only the first cut of a row is listed, and at most %3 rows</source>
        <translation>insgesamt wurden %1 Felder auf %2 Zeichen gekürzt; aufgeführt ist nur die erste Kürzung einer Zeile, und höchstens %3 Zeilen</translation>
    </message>
    <message>
        <source>1 empty line ignored</source>
        <translation>1 leere Zeile ignoriert</translation>
    </message>
    <message>
        <source>%1 empty lines ignored</source>
        <translation>%1 leere Zeilen ignoriert</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>Kommas</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>Tabulatoren</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>Semikolons</translation>
    </message>
    <message>
        <source>%1, 1 column, fields separated by %2</source>
        <translation>%1, 1 Spalte, Felder getrennt durch %2</translation>
    </message>
    <message>
        <source>%1, %2 columns, fields separated by %3</source>
        <translation>%1, %2 Spalten, Felder getrennt durch %3</translation>
    </message>
    <message>
        <source>; the first %1 are sampled</source>
        <translation>; die ersten %1 dienen als Stichprobe</translation>
    </message>
</context>
<context>
    <name>fabrica::CsvSink</name>
    <message>
        <source>a CSV file holds one table, and the schema has %1; write to a directory instead</source>
        <translation>eine CSV-Datei enthält genau eine Tabelle, das Schema hat aber %1; schreiben Sie stattdessen in ein Verzeichnis</translation>
    </message>
</context>
<context>
    <name>fabrica::Database</name>
    <message>
        <source>the Qt SQL driver %1 is not installed (Debian: %2)</source>
        <translation>der Qt-SQL-Treiber %1 ist nicht installiert (Debian: %2)</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot connect to %1: %2</source>
        <translation>keine Verbindung zu %1 möglich: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot read the server version</source>
        <translation>die Serverversion kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot read the server version: no answer</source>
        <translation>die Serverversion kann nicht gelesen werden: keine Antwort</translation>
    </message>
</context>
<context>
    <name>fabrica::DatabaseSink</name>
    <message>
        <source>the target already has tables named %1; nothing was written. Append to them, empty them first, or load into another database or schema</source>
        <translation>das Ziel hat bereits Tabellen namens %1; es wurde nichts geschrieben. Hängen Sie die Daten an, leeren Sie die Tabellen zuerst oder laden Sie in eine andere Datenbank oder ein anderes Schema</translation>
    </message>
    <message>
        <source>finish() without begin()</source>
        <translation>finish() ohne begin()</translation>
    </message>
    <message>
        <source>Fabrica loads data into PostgreSQL, MySQL and SQLite only</source>
        <translation>Fabrica lädt Daten nur in PostgreSQL, MySQL und SQLite</translation>
    </message>
    <message>
        <source>column &quot;%1&quot; of table %2 in the target is NOT NULL and has no default, but the schema has no such column; nothing was written. Add the column to the schema, or give it a default in the target</source>
        <translation>die Spalte &quot;%1&quot; der Tabelle %2 im Ziel ist NOT NULL und hat keinen Standardwert, aber das Schema hat keine solche Spalte; es wurde nichts geschrieben. Fügen Sie die Spalte dem Schema hinzu oder geben Sie ihr im Ziel einen Standardwert</translation>
    </message>
    <message>
        <source>table %1 in the target has no column &quot;%2&quot;; nothing was written. Remove the column from the schema or load into a new table</source>
        <translation>die Tabelle %1 im Ziel hat keine Spalte &quot;%2&quot;; es wurde nichts geschrieben. Entfernen Sie die Spalte aus dem Schema oder laden Sie in eine neue Tabelle</translation>
    </message>
    <message>
        <source>the target computes every column of table %1 itself; nothing was written</source>
        <translation>das Ziel berechnet jede Spalte der Tabelle %1 selbst; es wurde nichts geschrieben</translation>
    </message>
</context>
<context>
    <name>fabrica::DatabaseTarget</name>
    <message>
        <source>%1 is a folder; name a database file in it</source>
        <translation>%1 ist ein Ordner; geben Sie eine Datenbankdatei darin an</translation>
    </message>
    <message>
        <source>cannot create %1: the folder %2 is not writable</source>
        <translation>%1 kann nicht angelegt werden: der Ordner %2 ist nicht beschreibbar</translation>
    </message>
    <message>
        <source>cannot create a temporary folder: %1</source>
        <translation>es kann kein temporärer Ordner angelegt werden: %1</translation>
    </message>
    <message>
        <source>cannot look for the schema %1</source>
        <translation>es kann nicht geprüft werden, ob das Schema %1 existiert</translation>
    </message>
</context>
<context>
    <name>fabrica::DatabaseTargetDialog</name>
    <message>
        <source>Write into a Database</source>
        <translation>In eine Datenbank schreiben</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Keeps these settings under a name, without the password (tick Remember password to keep it too, encrypted)</source>
        <translation>Speichert diese Einstellungen unter einem Namen, ohne das Passwort (kreuzen Sie „Passwort merken“ an, um auch das Passwort verschlüsselt zu speichern)</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Removes the saved connection; the fields keep its settings</source>
        <translation>Entfernt die gespeicherte Verbindung; die Felder behalten ihre Einstellungen</translation>
    </message>
    <message>
        <source>Saved &amp;connection:</source>
        <translation>Gespeicherte &amp;Verbindung:</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>Database t&amp;ype:</source>
        <translation>Datenbank&amp;typ:</translation>
    </message>
    <message>
        <source>e.g. localhost or db.example.com</source>
        <translation>z. B. localhost oder db.example.com</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>empty: your operating-system user name</source>
        <translation>leer: Ihr Benutzername im Betriebssystem</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>empty: PGPASSWORD, ~/.pgpass or a remembered password</source>
        <translation>leer: PGPASSWORD, ~/.pgpass oder ein gemerktes Passwort</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Remember password</source>
        <translation>Passwort &amp;merken</translation>
    </message>
    <message>
        <source>Keeps the password in the settings, encrypted with a key only your user can read; untick to forget it</source>
        <translation>Speichert das Passwort in den Einstellungen, verschlüsselt mit einem Schlüssel, den nur Ihr Benutzer lesen kann; entfernen Sie das Häkchen, um es zu vergessen</translation>
    </message>
    <message>
        <source>disable: never encrypt; prefer: encrypt when the server can; require: always encrypt; verify-ca and verify-full also check the server&apos;s certificate</source>
        <translation>disable: nie verschlüsseln; prefer: verschlüsseln, wenn der Server es kann; require: immer verschlüsseln; verify-ca und verify-full prüfen zusätzlich das Zertifikat des Servers</translation>
    </message>
    <message>
        <source>&amp;SSL mode:</source>
        <translation>&amp;SSL-Modus:</translation>
    </message>
    <message>
        <source>empty: the server&apos;s search_path (usually public)</source>
        <translation>leer: der search_path des Servers (meist public)</translation>
    </message>
    <message>
        <source>The tables are created in this schema; the load creates it when it is missing</source>
        <translation>Die Tabellen werden in diesem Schema angelegt; das Laden legt es an, wenn es fehlt</translation>
    </message>
    <message>
        <source>Target sch&amp;ema:</source>
        <translation>&amp;Zielschema:</translation>
    </message>
    <message>
        <source>a new or existing database file</source>
        <translation>eine neue oder vorhandene Datenbankdatei</translation>
    </message>
    <message>
        <source>Br&amp;owse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>Date&amp;i:</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Nichts schreiben</translation>
    </message>
    <message>
        <source>Append</source>
        <translation>Anhängen</translation>
    </message>
    <message>
        <source>Truncate</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Tables the database lacks are always created. The load runs in one transaction: when it fails or is cancelled, the database stays as it was.</source>
        <translation>Tabellen, die in der Datenbank fehlen, werden immer angelegt. Das Laden läuft in einer einzigen Transaktion: Schlägt es fehl oder wird es abgebrochen, bleibt die Datenbank, wie sie war.</translation>
    </message>
    <message>
        <source>If &amp;tables exist:</source>
        <translation>Wenn T&amp;abellen existieren:</translation>
    </message>
    <message>
        <source>Test Co&amp;nnection</source>
        <translation>Verbindung teste&amp;n</translation>
    </message>
    <message>
        <source>(none: new connection)</source>
        <translation>(keine: neue Verbindung)</translation>
    </message>
    <message>
        <source>The saved connection &quot;%1&quot; cannot be read.</source>
        <translation>Die gespeicherte Verbindung &quot;%1&quot; kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Stops before writing anything if one of the tables exists.</source>
        <translation>Bricht ab, bevor etwas geschrieben wird, wenn eine der Tabellen existiert.</translation>
    </message>
    <message>
        <source>Adds the rows to existing tables; their rows stay.</source>
        <translation>Fügt die Zeilen zu vorhandenen Tabellen hinzu; deren Zeilen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Empties existing tables first, in the same transaction.</source>
        <translation>Leert vorhandene Tabellen zuerst, in derselben Transaktion.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <source>The schema &quot;%1&quot; does not exist yet; the load creates it.</source>
        <translation>Das Schema &quot;%1&quot; existiert noch nicht; das Laden legt es an.</translation>
    </message>
    <message>
        <source>The file does not exist yet; the load creates it.</source>
        <translation>Die Datei existiert noch nicht; das Laden legt sie an.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Save Connection</source>
        <translation>Verbindung speichern</translation>
    </message>
    <message>
        <source>&amp;Name of the connection:</source>
        <translation>&amp;Name der Verbindung:</translation>
    </message>
    <message>
        <source>Saved the connection as &quot;%1&quot;.</source>
        <translation>Die Verbindung wurde als &quot;%1&quot; gespeichert.</translation>
    </message>
    <message>
        <source>Deleted the saved connection &quot;%1&quot;.</source>
        <translation>Die gespeicherte Verbindung &quot;%1&quot; wurde gelöscht.</translation>
    </message>
    <message>
        <source>SQLite Database File</source>
        <translation>SQLite-Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>MySQL / MariaDB</source>
        <translation>MySQL / MariaDB</translation>
    </message>
    <message>
        <source>Disable tri&amp;ggers during the load (PostgreSQL, like pg_restore)</source>
        <translation>Tri&amp;gger während des Ladens abschalten (PostgreSQL, wie pg_restore)</translation>
    </message>
    <message>
        <source>Needed when appending into existing tables whose foreign keys form a cycle the server enforces (the load otherwise stops before writing anything and says so). Runs the load with the tables&apos; triggers, foreign-key checks included, switched off, as pg_restore --disable-triggers does: it needs the owner of the tables or a superuser.</source>
        <translation>Nötig beim Anhängen an bestehende Tabellen, deren Fremdschlüssel einen Zyklus bilden, den der Server erzwingt (sonst hält das Laden an, bevor etwas geschrieben wird, und sagt es). Lädt mit abgeschalteten Triggern der Tabellen, Fremdschlüsselprüfungen eingeschlossen, wie pg_restore --disable-triggers: Dazu braucht es den Eigentümer der Tabellen oder einen Superuser.</translation>
    </message>
    <message>
        <source>empty: MYSQL_PWD or a remembered password</source>
        <translation>leer: MYSQL_PWD oder ein gespeichertes Passwort</translation>
    </message>
</context>
<context>
    <name>fabrica::DatabaseUrl</name>
    <message>
        <source>invalid database URL: %1</source>
        <translation>ungültige Datenbank-URL: %1</translation>
    </message>
    <message>
        <source>sqlite: needs a file name, e.g. sqlite:data.db</source>
        <translation>sqlite: benötigt einen Dateinamen, z. B. sqlite:data.db</translation>
    </message>
    <message>
        <source>the port must be a number from 1 to 65535</source>
        <translation>der Port muss eine Zahl von 1 bis 65535 sein</translation>
    </message>
    <message>
        <source>the path names one database, like /shop</source>
        <translation>der Pfad darf nur eine Datenbank nennen, etwa /shop</translation>
    </message>
    <message>
        <source>sslmode must be one of %1</source>
        <translation>sslmode muss einer der Werte %1 sein</translation>
    </message>
    <message>
        <source>the value of %1 may not contain ; or &apos;</source>
        <translation>der Wert von %1 darf weder ; noch &apos; enthalten</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; (known: schema, %2)</source>
        <translation>unbekannte Option &quot;%1&quot; (bekannt: schema, %2)</translation>
    </message>
    <message>
        <source>expected postgresql://user@host:port/database, mysql://user@host:port/database or sqlite:FILE</source>
        <translation>erwartet: postgresql://user@host:port/database, mysql://user@host:port/database oder sqlite:FILE</translation>
    </message>
    <message>
        <source>a mysql:// URL names its database, like mysql://user@host/shop</source>
        <translation>eine mysql://-URL muss ihre Datenbank nennen, etwa mysql://user@host/shop</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; (known: %2)</source>
        <translation>unbekannte Option &quot;%1&quot; (bekannt: %2)</translation>
    </message>
</context>
<context>
    <name>fabrica::DbCommand</name>
    <message>
        <source>Create or upgrade Fabrica&apos;s storage (migrate), show its version (status), save a password</source>
        <translation>Den Datenspeicher von Fabrica anlegen oder aktualisieren (migrate), seine Version anzeigen (status), ein Passwort speichern</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Passwort für %1: </translation>
    </message>
    <message>
        <source>saved the password for %1, encrypted</source>
        <translation>Passwort für %1 verschlüsselt gespeichert</translation>
    </message>
    <message>
        <source>password: forget the saved password.</source>
        <translation>password: das gespeicherte Passwort entfernen.</translation>
    </message>
    <message>
        <source>password: read it as one line from standard input.</source>
        <translation>password: das Passwort als eine Zeile von der Standardeingabe lesen.</translation>
    </message>
    <message>
        <source>migrate|status|password</source>
        <translation>migrate|status|password</translation>
    </message>
    <message>
        <source>fabrica db: say migrate, status or password; `fabrica db --help` explains</source>
        <translation>fabrica db: geben Sie migrate, status oder password an; `fabrica db --help` erklärt die Aktionen</translation>
    </message>
    <message>
        <source>%1: storage version %2 (this Fabrica&apos;s latest: %3)</source>
        <translation>%1: Datenspeicher in Version %2 (diese Fabrica-Version kennt bis Version %3)</translation>
    </message>
    <message>
        <source>%1: storage is up to date (version %2)</source>
        <translation>%1: der Datenspeicher ist aktuell (Version %2)</translation>
    </message>
    <message>
        <source>%1: storage upgraded from version %2 to %3</source>
        <translation>%1: Datenspeicher von Version %2 auf %3 aktualisiert</translation>
    </message>
    <message>
        <source>removed the saved password for %1</source>
        <translation>das gespeicherte Passwort für %1 wurde entfernt</translation>
    </message>
    <message>
        <source>fabrica db password</source>
        <translation>fabrica db password</translation>
    </message>
    <message>
        <source>fabrica db password: give --database postgresql://user@host:port/db or mysql://user@host:port/db</source>
        <translation>fabrica db password: geben Sie --database postgresql://user@host:port/db oder mysql://user@host:port/db an</translation>
    </message>
    <message>
        <source>migrate, status, or password (saves the PostgreSQL or MySQL password of --database, encrypted).</source>
        <translation>migrate, status oder password (speichert das PostgreSQL- oder MySQL-Passwort von --database verschlüsselt).</translation>
    </message>
</context>
<context>
    <name>fabrica::DdlAlterReader</name>
    <message>
        <source>a table name after ALTER TABLE</source>
        <translation>ein Tabellenname nach ALTER TABLE</translation>
    </message>
    <message>
        <source>ALTER TABLE %1 skipped: no table %1 in this file</source>
        <translation>ALTER TABLE %1 übersprungen: keine Tabelle %1 in dieser Datei</translation>
    </message>
    <message>
        <source>&apos;)&apos; after the columns added to %1</source>
        <translation>&apos;)&apos; nach den zu %1 hinzugefügten Spalten</translation>
    </message>
    <message>
        <source>a column name after MODIFY in %1</source>
        <translation>ein Spaltenname nach MODIFY in %1</translation>
    </message>
    <message>
        <source>a column name after CHANGE in %1</source>
        <translation>ein Spaltenname nach CHANGE in %1</translation>
    </message>
    <message>
        <source>a column name after ALTER COLUMN in %1</source>
        <translation>ein Spaltenname nach ALTER COLUMN in %1</translation>
    </message>
    <message>
        <source>ALTER COLUMN %1 skipped: %2 has no such column</source>
        <translation>ALTER COLUMN %1 übersprungen: %2 hat keine solche Spalte</translation>
    </message>
    <message>
        <source>a value after SET DEFAULT for %1</source>
        <translation>ein Wert nach SET DEFAULT für %1</translation>
    </message>
    <message>
        <source>AS IDENTITY after ADD GENERATED for %1</source>
        <translation>AS IDENTITY nach ADD GENERATED für %1</translation>
    </message>
    <message>
        <source>%1 has no column %2 to change; skipped</source>
        <translation>%1 hat keine Spalte %2, die geändert werden könnte; übersprungen</translation>
    </message>
    <message>
        <source>ALTER TABLE %1 %2 skipped</source>
        <translation>ALTER TABLE %1 %2 übersprungen</translation>
    </message>
</context>
<context>
    <name>fabrica::DdlContext</name>
    <message>
        <source>expected %1, found %2</source>
        <translation>erwartet: %1, gefunden: %2</translation>
    </message>
    <message>
        <source>the end of the file</source>
        <translation>das Dateiende</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>&apos;(&apos; and the columns of %1</source>
        <translation>&apos;(&apos; und die Spalten für %1</translation>
    </message>
    <message>
        <source>a column of %1</source>
        <translation>eine Spalte für %1</translation>
    </message>
    <message>
        <source>&apos;)&apos; after the columns of %1</source>
        <translation>&apos;)&apos; nach den Spalten für %1</translation>
    </message>
    <message>
        <source>&apos;(&apos; after %1</source>
        <translation>&apos;(&apos; für %1</translation>
    </message>
    <message>
        <source>&apos;)&apos; to close %1</source>
        <translation>&apos;)&apos;, um %1 abzuschließen</translation>
    </message>
</context>
<context>
    <name>fabrica::DdlInsertReader</name>
    <message>
        <source>a table name after INSERT INTO</source>
        <translation>ein Tabellenname nach INSERT INTO</translation>
    </message>
    <message>
        <source>the INSERT into %1</source>
        <translation>das INSERT in %1</translation>
    </message>
    <message>
        <source>INSERT INTO %1 skipped: rows from a query or defaults, not values</source>
        <translation>INSERT INTO %1 übersprungen: Zeilen aus einer Abfrage oder Standardwerte statt VALUES</translation>
    </message>
    <message numerus="yes">
        <source>INSERT INTO %1: %n row(s) with expressions skipped; samples take literal values only</source>
        <translation>
            <numerusform>INSERT INTO %1: %n Zeile mit Ausdrücken übersprungen; Beispielwerte können nur Literale sein</numerusform>
            <numerusform>INSERT INTO %1: %n Zeilen mit Ausdrücken übersprungen; Beispielwerte können nur Literale sein</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>INSERT INTO %1: %n row(s) skipped whose values do not match the columns</source>
        <translation>
            <numerusform>INSERT INTO %1: %n Zeile übersprungen, deren Werte nicht zu den Spalten passen</numerusform>
            <numerusform>INSERT INTO %1: %n Zeilen übersprungen, deren Werte nicht zu den Spalten passen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>INSERT INTO %1: %n more row(s) not kept; %2 sample rows per table are enough</source>
        <translation>
            <numerusform>INSERT INTO %1: %n weitere Zeile nicht übernommen; %2 Beispielzeilen pro Tabelle genügen</numerusform>
            <numerusform>INSERT INTO %1: %n weitere Zeilen nicht übernommen; %2 Beispielzeilen pro Tabelle genügen</numerusform>
        </translation>
    </message>
    <message>
        <source>INSERT INTO %1 skipped: no column list, and the table&apos;s columns are unknown</source>
        <translation>INSERT INTO %1 übersprungen: keine Spaltenliste, und die Spalten der Tabelle sind unbekannt</translation>
    </message>
    <message>
        <source>INSERT INTO %1 skipped: no column list, and no CREATE TABLE %1 in this file</source>
        <translation>INSERT INTO %1 übersprungen: keine Spaltenliste und kein CREATE TABLE %1 in dieser Datei</translation>
    </message>
    <message>
        <source>INSERT INTO %1: no CREATE TABLE %1 in this file; its rows are kept as samples</source>
        <translation>INSERT INTO %1: kein CREATE TABLE %1 in dieser Datei; die Zeilen werden als Beispieldaten übernommen</translation>
    </message>
    <message>
        <source>&apos;(&apos; and a row of values for %1</source>
        <translation>&apos;(&apos; und eine Zeile mit Werten für %1</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;)&apos; in a row of values for %1</source>
        <translation>&apos;,&apos; oder &apos;)&apos; in einer Zeile mit Werten für %1</translation>
    </message>
</context>
<context>
    <name>fabrica::DdlParser</name>
    <message>
        <source>read as %1: nothing in the file tells its SQL dialect</source>
        <translation>als %1 gelesen: nichts in der Datei verrät ihren SQL-Dialekt</translation>
    </message>
    <message>
        <source>read as %1 (seen: %2)</source>
        <translation>als %1 gelesen (erkannt an: %2)</translation>
    </message>
    <message>
        <source>psql command %1 skipped</source>
        <translation>psql-Befehl %1 übersprungen</translation>
    </message>
    <message>
        <source>&apos;;&apos; after the %1 statement that begins at line %2</source>
        <translation>&apos;;&apos; nach der %1-Anweisung, die in Zeile %2 beginnt</translation>
    </message>
    <message>
        <source>a statement</source>
        <translation>eine Anweisung</translation>
    </message>
    <message>
        <source>a type name after CREATE TYPE</source>
        <translation>ein Typname nach CREATE TYPE</translation>
    </message>
    <message>
        <source>&apos;(&apos; and the values of enum %1</source>
        <translation>&apos;(&apos; und die Werte des Enums %1</translation>
    </message>
    <message>
        <source>a string among the values of enum %1</source>
        <translation>eine Zeichenkette unter den Werten des Enums %1</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;)&apos; after a value of enum %1</source>
        <translation>&apos;,&apos; oder &apos;)&apos; nach einem Wert des Enums %1</translation>
    </message>
    <message>
        <source>a domain name after CREATE DOMAIN</source>
        <translation>ein Domänenname nach CREATE DOMAIN</translation>
    </message>
    <message>
        <source>domain %1</source>
        <translation>Domäne %1</translation>
    </message>
    <message>
        <source>a constraint name in domain %1</source>
        <translation>ein Constraint-Name in Domäne %1</translation>
    </message>
    <message>
        <source>a value after DEFAULT in domain %1</source>
        <translation>ein Wert nach DEFAULT in Domäne %1</translation>
    </message>
    <message>
        <source>a collation after COLLATE in domain %1</source>
        <translation>eine Sortierfolge nach COLLATE in Domäne %1</translation>
    </message>
    <message>
        <source>the CHECK of domain %1</source>
        <translation>den CHECK von Domäne %1</translation>
    </message>
    <message>
        <source>CHECK (%1) of domain %2 skipped: not a simple range or list of values</source>
        <translation>CHECK (%1) von Domäne %2 übersprungen: kein einfacher Wertebereich und keine einfache Werteliste</translation>
    </message>
    <message>
        <source>NOT NULL, DEFAULT or CHECK in domain %1</source>
        <translation>NOT NULL, DEFAULT oder CHECK in Domäne %1</translation>
    </message>
    <message>
        <source>an index name after CREATE UNIQUE INDEX</source>
        <translation>ein Indexname nach CREATE UNIQUE INDEX</translation>
    </message>
    <message>
        <source>ON after CREATE UNIQUE INDEX %1</source>
        <translation>ON nach CREATE UNIQUE INDEX %1</translation>
    </message>
    <message>
        <source>a table name after ON</source>
        <translation>ein Tabellenname nach ON</translation>
    </message>
    <message>
        <source>the unique index %1</source>
        <translation>den eindeutigen Index %1</translation>
    </message>
    <message>
        <source>%1 skipped: an index on expressions, not on columns</source>
        <translation>%1 übersprungen: ein Index auf Ausdrücken, nicht auf Spalten</translation>
    </message>
    <message>
        <source>%1 skipped: no table %2 in this file</source>
        <translation>%1 übersprungen: keine Tabelle %2 in dieser Datei</translation>
    </message>
    <message>
        <source>%1 has a WHERE clause; kept as a unique key on (%2) over all rows</source>
        <translation>%1 hat eine WHERE-Klausel; als eindeutiger Schlüssel auf (%2) über alle Zeilen übernommen</translation>
    </message>
    <message>
        <source>a table name after COMMENT ON TABLE</source>
        <translation>ein Tabellenname nach COMMENT ON TABLE</translation>
    </message>
    <message>
        <source>table.column after COMMENT ON COLUMN</source>
        <translation>table.column nach COMMENT ON COLUMN</translation>
    </message>
    <message>
        <source>IS after %1</source>
        <translation>IS nach %1</translation>
    </message>
    <message>
        <source>a string or NULL after IS</source>
        <translation>eine Zeichenkette oder NULL nach IS</translation>
    </message>
    <message>
        <source>COMMENT ON COLUMN needs table.column, not %1</source>
        <translation>COMMENT ON COLUMN erwartet table.column, nicht %1</translation>
    </message>
    <message>
        <source>%1 skipped: %2 has no column %3</source>
        <translation>%1 übersprungen: %2 hat keine Spalte %3</translation>
    </message>
    <message>
        <source>%1 not understood; skipped</source>
        <translation>%1 nicht verstanden; übersprungen</translation>
    </message>
    <message>
        <source>%1: its BEGIN has no END, so the rest of the file was skipped</source>
        <translation>%1: zum BEGIN fehlt das END, daher wurde der Rest der Datei übersprungen</translation>
    </message>
    <message>
        <source>%1 skipped, with its data</source>
        <translation>%1 samt Daten übersprungen</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>%1 übersprungen</translation>
    </message>
    <message>
        <source>psql command %1 skipped, with its data</source>
        <translation>psql-Befehl %1 samt Daten übersprungen</translation>
    </message>
</context>
<context>
    <name>fabrica::DdlPartitions</name>
    <message>
        <source>partition %1 is part of table %2; its keys and rows are folded into it</source>
        <translation>die Partition %1 gehört zur Tabelle %2; ihre Schlüssel und Zeilen werden in diese übernommen</translation>
    </message>
    <message>
        <source>table %1 is partitioned by an expression or several columns; rows outside every partition are not ruled out</source>
        <translation>die Tabelle %1 ist nach einem Ausdruck oder mehreren Spalten partitioniert; Zeilen außerhalb aller Partitionen sind nicht ausgeschlossen</translation>
    </message>
    <message>
        <source>enum of the values its partitions list (%1)</source>
        <translation>enum der Werte, die ihre Partitionen auflisten (%1)</translation>
    </message>
    <message>
        <source>partition key of type %1: rows outside every partition are not ruled out</source>
        <translation>Partitionsschlüssel vom Typ %1: Zeilen außerhalb aller Partitionen sind nicht ausgeschlossen</translation>
    </message>
    <message>
        <source>the bound %1 of partition %2 is not understood</source>
        <translation>die Grenze %1 der Partition %2 wird nicht verstanden</translation>
    </message>
    <message>
        <source>the partitions of %1 leave gaps between their ranges; rows that fall in a gap have no partition (narrow the range or add a partition)</source>
        <translation>die Partitionen von %1 lassen Lücken zwischen ihren Bereichen; Zeilen, die in eine Lücke fallen, haben keine Partition (verkleinern Sie den Wertebereich oder fügen Sie eine Partition hinzu)</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>ab %1</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <source>within its partitions&apos; ranges, %1</source>
        <translation>innerhalb der Bereiche ihrer Partitionen, %1</translation>
    </message>
</context>
<context>
    <name>fabrica::DdlTableReader</name>
    <message>
        <source>a table name after CREATE TABLE</source>
        <translation>ein Tabellenname nach CREATE TABLE</translation>
    </message>
    <message>
        <source>CREATE TABLE %1 skipped: a table SQLite keeps for itself</source>
        <translation>CREATE TABLE %1 übersprungen: eine Tabelle, die SQLite für sich selbst reserviert</translation>
    </message>
    <message>
        <source>CREATE TABLE %1 AS … skipped: a table made from a query</source>
        <translation>CREATE TABLE %1 AS … übersprungen: eine aus einer Abfrage erzeugte Tabelle</translation>
    </message>
    <message>
        <source>&apos;(&apos; after CREATE TABLE %1</source>
        <translation>&apos;(&apos; nach CREATE TABLE %1</translation>
    </message>
    <message>
        <source>&apos;)&apos; after the column list of %1</source>
        <translation>&apos;)&apos; nach der Spaltenliste von %1</translation>
    </message>
    <message>
        <source>INHERITS of %1</source>
        <translation>INHERITS von %1</translation>
    </message>
    <message>
        <source>CREATE TABLE IF NOT EXISTS %1 skipped: the table is defined above</source>
        <translation>CREATE TABLE IF NOT EXISTS %1 übersprungen: die Tabelle ist weiter oben definiert</translation>
    </message>
    <message>
        <source>%1 is defined a second time; the later definition replaces the first</source>
        <translation>%1 ist ein zweites Mal definiert; die spätere Definition ersetzt die erste</translation>
    </message>
    <message>
        <source>a table name after LIKE</source>
        <translation>ein Tabellenname nach LIKE</translation>
    </message>
    <message>
        <source>LIKE %1 in %2: no table %1 in this file, so its columns are missing</source>
        <translation>LIKE %1 in %2: keine Tabelle %1 in dieser Datei, daher fehlen ihre Spalten</translation>
    </message>
    <message>
        <source>INHERITS %1 in %2: no table %1 in this file, so its columns are missing</source>
        <translation>INHERITS %1 in %2: keine Tabelle %1 in dieser Datei, daher fehlen ihre Spalten</translation>
    </message>
    <message>
        <source>a column name in %1</source>
        <translation>ein Spaltenname in %1</translation>
    </message>
    <message>
        <source>column %1 is defined twice in %2</source>
        <translation>die Spalte %1 ist in %2 doppelt definiert</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>a value after DEFAULT for %1</source>
        <translation>ein Wert nach DEFAULT für %1</translation>
    </message>
    <message>
        <source>a collation after COLLATE in %1</source>
        <translation>eine Sortierfolge nach COLLATE in %1</translation>
    </message>
    <message>
        <source>a string after COMMENT in %1</source>
        <translation>eine Zeichenkette nach COMMENT in %1</translation>
    </message>
    <message>
        <source>NULL after NOT in %1</source>
        <translation>NULL nach NOT in %1</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; not understood; ignored</source>
        <translation>%1: &apos;%2&apos; nicht verstanden; ignoriert</translation>
    </message>
    <message>
        <source>AS after GENERATED in %1</source>
        <translation>AS nach GENERATED in %1</translation>
    </message>
    <message>
        <source>the generated expression of %1</source>
        <translation>den generierten Ausdruck von %1</translation>
    </message>
    <message>
        <source>a constraint name after CONSTRAINT in %1</source>
        <translation>ein Constraint-Name nach CONSTRAINT in %1</translation>
    </message>
    <message>
        <source>the primary key of %1</source>
        <translation>den Primärschlüssel von %1</translation>
    </message>
    <message>
        <source>a unique key of %1</source>
        <translation>einen eindeutigen Schlüssel von %1</translation>
    </message>
    <message>
        <source>a unique key on expressions in %1 skipped</source>
        <translation>ein eindeutiger Schlüssel auf Ausdrücken in %1 übersprungen</translation>
    </message>
    <message>
        <source>a foreign key of %1</source>
        <translation>einen Fremdschlüssel von %1</translation>
    </message>
    <message>
        <source>REFERENCES after the foreign key columns of %1</source>
        <translation>REFERENCES nach den Fremdschlüsselspalten von %1</translation>
    </message>
    <message>
        <source>an EXCLUDE constraint of %1 skipped</source>
        <translation>ein EXCLUDE-Constraint von %1 übersprungen</translation>
    </message>
    <message>
        <source>PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK in %1</source>
        <translation>PRIMARY KEY, UNIQUE, FOREIGN KEY oder CHECK in %1</translation>
    </message>
    <message>
        <source>a column or a constraint in %1</source>
        <translation>eine Spalte oder ein Constraint in %1</translation>
    </message>
    <message>
        <source>a table name after REFERENCES in %1</source>
        <translation>ein Tabellenname nach REFERENCES in %1</translation>
    </message>
    <message>
        <source>the reference from %1 to %2</source>
        <translation>den Verweis von %1 auf %2</translation>
    </message>
    <message>
        <source>the foreign key of %1 to %2 has %3 columns on one side and %4 on the other</source>
        <translation>der Fremdschlüssel von %1 auf %2 hat auf der einen Seite %3 Spalten und auf der anderen %4</translation>
    </message>
    <message>
        <source>CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT in the foreign key of %1</source>
        <translation>CASCADE, RESTRICT, NO ACTION, SET NULL oder SET DEFAULT im Fremdschlüssel von %1</translation>
    </message>
    <message>
        <source>the foreign key to %1</source>
        <translation>der Fremdschlüssel auf %1</translation>
    </message>
    <message>
        <source>the CHECK of %1</source>
        <translation>den CHECK von %1</translation>
    </message>
    <message>
        <source>CHECK (%1) on %2 skipped: not a simple range or list of values</source>
        <translation>CHECK (%1) auf %2 übersprungen: kein einfacher Wertebereich und keine einfache Werteliste</translation>
    </message>
    <message>
        <source>CHECK (%1) on %2 skipped: %3 is not a column of the table</source>
        <translation>CHECK (%1) auf %2 übersprungen: %3 ist keine Spalte der Tabelle</translation>
    </message>
    <message>
        <source>%1 of %2 names %3, which is not a column of the table; skipped</source>
        <translation>%1 in %2 nennt %3, aber das ist keine Spalte der Tabelle; übersprungen</translation>
    </message>
    <message>
        <source>the primary key</source>
        <translation>der Primärschlüssel</translation>
    </message>
    <message>
        <source>a unique key</source>
        <translation>ein eindeutiger Schlüssel</translation>
    </message>
    <message>
        <source>%1 of %2 made from index %3 skipped: the index&apos;s columns are not known here</source>
        <translation>%1 von %2 aus dem Index %3 übersprungen: die Spalten des Index sind hier nicht bekannt</translation>
    </message>
    <message>
        <source>CREATE TABLE %1 skipped: a typed table</source>
        <translation>CREATE TABLE %1 übersprungen: eine typisierte Tabelle</translation>
    </message>
    <message>
        <source>PARTITION BY of %1</source>
        <translation>PARTITION BY von %1</translation>
    </message>
    <message>
        <source>a table name after PARTITION OF</source>
        <translation>ein Tabellenname nach PARTITION OF</translation>
    </message>
    <message>
        <source>CREATE TABLE %1 PARTITION OF %2 skipped: no table %2 in this file</source>
        <translation>CREATE TABLE %1 PARTITION OF %2 übersprungen: keine Tabelle %2 in dieser Datei</translation>
    </message>
    <message>
        <source>a table name after ATTACH PARTITION</source>
        <translation>ein Tabellenname nach ATTACH PARTITION</translation>
    </message>
    <message>
        <source>FOR VALUES or DEFAULT for the partition %1</source>
        <translation>FOR VALUES oder DEFAULT für die Partition %1</translation>
    </message>
    <message>
        <source>TO after FOR VALUES FROM (…) of the partition %1</source>
        <translation>TO nach FOR VALUES FROM (…) der Partition %1</translation>
    </message>
    <message>
        <source>FROM, IN or WITH after FOR VALUES of the partition %1</source>
        <translation>FROM, IN oder WITH nach FOR VALUES der Partition %1</translation>
    </message>
    <message>
        <source>the bound of the partition %1</source>
        <translation>die Grenze der Partition %1</translation>
    </message>
</context>
<context>
    <name>fabrica::DdlTypeReader</name>
    <message>
        <source>a type for %1</source>
        <translation>ein Typ für %1</translation>
    </message>
    <message>
        <source>&apos;)&apos; after the type arguments of %1</source>
        <translation>&apos;)&apos; nach den Typargumenten von %1</translation>
    </message>
</context>
<context>
    <name>fabrica::DeclaredSizes</name>
    <message>
        <source>the value(s) %1 do not fit %2 and are left out</source>
        <translation>diese Werte passen nicht in %2 und werden weggelassen: %1</translation>
    </message>
    <message>
        <source>no value of the list fits %1; values are shortened</source>
        <translation>kein Wert der Liste passt in %1; die Werte werden gekürzt</translation>
    </message>
    <message>
        <source>%1 %2 narrowed to %3 to fit %4</source>
        <translation>%1 %2 auf %3 eingeengt, damit es in %4 passt</translation>
    </message>
    <message>
        <source>type %1 rarely fits %2: %3 of %4 sample values were too long or out of range and drawn again, %5 of them shortened; consider another type or a wider column</source>
        <translation>Typ %1 passt selten in %2: %3 von %4 probeweise erzeugten Werten waren zu lang oder außerhalb des Wertebereichs und wurden neu gezogen, %5 davon gekürzt; erwägen Sie einen anderen Typ oder eine breitere Spalte</translation>
    </message>
    <message>
        <source>maxLength %1</source>
        <translation>maxLength %1</translation>
    </message>
</context>
<context>
    <name>fabrica::Deflater</name>
    <message>
        <source>cannot start compression</source>
        <translation>die Komprimierung kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>compression failed</source>
        <translation>die Komprimierung ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>fabrica::DeriveFromSamplesCommand</name>
    <message>
        <source>Derive %1 from its samples</source>
        <translation>%1 aus den Beispielwerten ableiten</translation>
    </message>
</context>
<context>
    <name>fabrica::DistributionEditor</name>
    <message>
        <source>Distribution</source>
        <translation>Verteilung</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>A number greater than 0; empty derives it from the column&apos;s range.</source>
        <translation>Eine Zahl größer als 0; leer lassen, um sie aus dem Wertebereich der Spalte abzuleiten.</translation>
    </message>
    <message>
        <source>A number; empty derives it from the column&apos;s range.</source>
        <translation>Eine Zahl; leer lassen, um sie aus dem Wertebereich der Spalte abzuleiten.</translation>
    </message>
</context>
<context>
    <name>fabrica::EditSamplesCommand</name>
    <message>
        <source>Edit the samples of %1</source>
        <translation>Beispielwerte von %1 bearbeiten</translation>
    </message>
</context>
<context>
    <name>fabrica::EmbeddedApi</name>
    <message>
        <source>API Server Not Started</source>
        <translation>API-Server nicht gestartet</translation>
    </message>
    <message>
        <source>The REST API server cannot start. %1</source>
        <translation>Der REST-API-Server kann nicht starten. %1</translation>
    </message>
    <message>
        <source>The API server setting stays on. Free the port, or choose another port (or any free port) under Settings, API Server, and apply.</source>
        <translation>Die Einstellung für den API-Server bleibt eingeschaltet. Geben Sie den Port frei oder wählen Sie unter Einstellungen, API-Server einen anderen Port (oder einen beliebigen freien Port) und übernehmen Sie ihn.</translation>
    </message>
</context>
<context>
    <name>fabrica::ExamplesStrip</name>
    <message>
        <source>Examples:</source>
        <translation>Beispiele:</translation>
    </message>
    <message>
        <source>The first rows of this column as `fabrica generate` writes them</source>
        <translation>Die ersten Zeilen dieser Spalte, so wie `fabrica generate` sie schreibt</translation>
    </message>
    <message>
        <source>NULL: no value in this row</source>
        <translation>NULL: kein Wert in dieser Zeile</translation>
    </message>
    <message>
        <source>(the table has no rows)</source>
        <translation>(die Tabelle hat keine Zeilen)</translation>
    </message>
</context>
<context>
    <name>fabrica::ExistingKeys</name>
    <message>
        <source>%1.%2 starts at %3, after the target&apos;s rows</source>
        <translation>%1.%2 beginnt bei %3, nach den Zeilen im Ziel</translation>
    </message>
</context>
<context>
    <name>fabrica::ExportFileChooser</name>
    <message>
        <source>Export Generated Data</source>
        <translation>Erzeugte Daten exportieren</translation>
    </message>
</context>
<context>
    <name>fabrica::ExportFormat</name>
    <message>
        <source>Comma-separated values</source>
        <translation>Kommagetrennte Werte</translation>
    </message>
    <message>
        <source>Tab-separated values</source>
        <translation>Tabulatorgetrennte Werte</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Newline-delimited JSON</source>
        <translation>Zeilengetrenntes JSON</translation>
    </message>
    <message>
        <source>SQL script</source>
        <translation>SQL-Skript</translation>
    </message>
    <message>
        <source>%1, gzip-compressed (*%2)</source>
        <translation>%1, gzip-komprimiert (*%2)</translation>
    </message>
    <message>
        <source>%1 (*%2)</source>
        <translation>%1 (*%2)</translation>
    </message>
</context>
<context>
    <name>fabrica::ExportOptionsDialog</name>
    <message>
        <source>Export as %1</source>
        <translation>Als %1 exportieren</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>&amp;One file for all tables</source>
        <translation>Eine &amp;Datei für alle Tabellen</translation>
    </message>
    <message>
        <source>&amp;One file</source>
        <translation>Eine &amp;Datei</translation>
    </message>
    <message>
        <source>One file &amp;per table, named after the table</source>
        <translation>Eine Datei &amp;pro Tabelle, nach der Tabelle benannt</translation>
    </message>
    <message>
        <source>A %1 file holds one table, and the schema has %2, so each table gets a file of its own.</source>
        <translation>Eine %1-Datei enthält genau eine Tabelle, das Schema hat aber %2, daher erhält jede Tabelle eine eigene Datei.</translation>
    </message>
    <message>
        <source>Compress with &amp;gzip</source>
        <translation>Mit &amp;gzip komprimieren</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <source>Other:</source>
        <translation>Anderes:</translation>
    </message>
    <message>
        <source>Other delimiter</source>
        <translation>Anderes Trennzeichen</translation>
    </message>
    <message>
        <source>First line holds the column &amp;names</source>
        <translation>Erste Zeile enthält die Spalten&amp;namen</translation>
    </message>
    <message>
        <source>an empty field</source>
        <translation>ein leeres Feld</translation>
    </message>
    <message>
        <source>How a missing value (NULL) is written. When it is an empty field, empty text is written as &quot;&quot; to tell the two apart.</source>
        <translation>Wie ein fehlender Wert (NULL) geschrieben wird. Ist es ein leeres Feld, wird leerer Text als &quot;&quot; geschrieben, damit sich beides unterscheiden lässt.</translation>
    </message>
    <message>
        <source>&amp;Windows line ends (CR LF)</source>
        <translation>&amp;Windows-Zeilenenden (CR LF)</translation>
    </message>
    <message>
        <source>&amp;Guard against spreadsheet formulas</source>
        <translation>Vor Tabellenkalkulations-&amp;Formeln schützen</translation>
    </message>
    <message>
        <source>Text starting with = + - @ or a tab gets a &apos; in front, so a spreadsheet shows it instead of running it as a formula.</source>
        <translation>Text, der mit = + - @ oder einem Tabulator beginnt, erhält ein vorangestelltes &apos;, damit eine Tabellenkalkulation ihn anzeigt, statt ihn als Formel auszuführen.</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <source>N&amp;ull as:</source>
        <translation>N&amp;ULL als:</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>&amp;Indent for reading (pretty-print)</source>
        <translation>Zum Lesen e&amp;inrücken (Pretty-Print)</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Begin with CREATE &amp;TABLE statements</source>
        <translation>Mit CREATE-&amp;TABLE-Anweisungen beginnen</translation>
    </message>
    <message>
        <source>Rows per INSERT statement: more load faster, fewer keep statements short.</source>
        <translation>Zeilen pro INSERT-Anweisung: mehr laden schneller, weniger halten die Anweisungen kurz.</translation>
    </message>
    <message>
        <source>&amp;Dialect:</source>
        <translation>&amp;Dialekt:</translation>
    </message>
    <message>
        <source>&amp;Rows per INSERT:</source>
        <translation>&amp;Zeilen pro INSERT:</translation>
    </message>
    <message>
        <source>Type the character that separates the fields.</source>
        <translation>Geben Sie das Zeichen ein, das die Felder trennt.</translation>
    </message>
    <message>
        <source>The delimiter must be one plain (ASCII) character other than the double quote.</source>
        <translation>Das Trennzeichen muss ein einzelnes einfaches (ASCII-)Zeichen sein, aber kein doppeltes Anführungszeichen.</translation>
    </message>
    <message>
        <source>The null text must not contain the delimiter, a double quote or a line break: it would not read back as one field.</source>
        <translation>Der NULL-Text darf weder das Trennzeichen noch ein doppeltes Anführungszeichen oder einen Zeilenumbruch enthalten: er würde beim Einlesen nicht als ein einziges Feld gelesen.</translation>
    </message>
    <message>
        <source>Writes %1</source>
        <translation>Schreibt %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weitere</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writes %n file(s) into %1: %2</source>
        <translation>
            <numerusform>Schreibt %n Datei in %1: %2</numerusform>
            <numerusform>Schreibt %n Dateien in %1: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replaces %n file(s) that exist already.</source>
        <translation>
            <numerusform>Ersetzt %n bereits vorhandene Datei.</numerusform>
            <numerusform>Ersetzt %n bereits vorhandene Dateien.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::FileOutput</name>
    <message>
        <source>cannot write the file: %1</source>
        <translation>die Datei kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::FileSink</name>
    <message>
        <source>cannot create the directory: %1</source>
        <translation>das Verzeichnis kann nicht angelegt werden: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::FirstAdminDialog</name>
    <message>
        <source>Create the First Administrator</source>
        <translation>Ersten Administrator anlegen</translation>
    </message>
    <message>
        <source>Fabrica has no default account: this creates its first administrator, who can then add further users.</source>
        <translation>Fabrica hat kein Standardkonto: Hier legen Sie den ersten Administrator an, der danach weitere Benutzer hinzufügen kann.</translation>
    </message>
    <message>
        <source>Create Administrator</source>
        <translation>Administrator anlegen</translation>
    </message>
    <message>
        <source>Creating the administrator…</source>
        <translation>Administrator wird angelegt…</translation>
    </message>
</context>
<context>
    <name>fabrica::FormatCommand</name>
    <message>
        <source>Rewrite schema files in the canonical layout</source>
        <translation>Schemadateien im kanonischen Layout neu schreiben</translation>
    </message>
    <message>
        <source>Change nothing; list the files that are not canonical and exit with 1.</source>
        <translation>Nichts ändern; die nicht kanonischen Dateien auflisten und mit 1 beenden.</translation>
    </message>
    <message>
        <source>Schema files (*.fabrica.json).</source>
        <translation>Schemadateien (*.fabrica.json).</translation>
    </message>
    <message>
        <source>FILE...</source>
        <translation>DATEI...</translation>
    </message>
    <message>
        <source>%1: not in the canonical layout</source>
        <translation>%1: nicht im kanonischen Layout</translation>
    </message>
    <message>
        <source>%1: rewritten</source>
        <translation>%1: neu geschrieben</translation>
    </message>
</context>
<context>
    <name>fabrica::FormulaField</name>
    <message>
        <source>e.g. quantity * unit_price</source>
        <translation>z. B. quantity * unit_price</translation>
    </message>
    <message>
        <source>unknown column &quot;%1&quot; at position %2</source>
        <translation>unbekannte Spalte &quot;%1&quot; an Position %2</translation>
    </message>
    <message>
        <source>the column reads itself at position %1</source>
        <translation>die Spalte verweist an Position %1 auf sich selbst</translation>
    </message>
    <message>
        <source>column &quot;%1&quot; at position %2 is %3, not a number column</source>
        <translation>die Spalte &quot;%1&quot; an Position %2 ist %3, keine Zahlenspalte</translation>
    </message>
    <message>
        <source>A constant: every row gets the same value.</source>
        <translation>Eine Konstante: Jede Zeile erhält denselben Wert.</translation>
    </message>
    <message>
        <source>Computed from %1, rounded half away from zero to the column&apos;s scale.</source>
        <translation>Berechnet aus %1, kaufmännisch gerundet auf die Nachkommastellen (scale) der Spalte.</translation>
    </message>
</context>
<context>
    <name>fabrica::FormulaSyntax</name>
    <message>
        <source>the formula is empty; write e.g. &quot;quantity * unit_price&quot;</source>
        <translation>die Formel ist leer; schreiben Sie z. B. &quot;quantity * unit_price&quot;</translation>
    </message>
    <message>
        <source>&quot;)&quot; at position %1 closes no &quot;(&quot;</source>
        <translation>&quot;)&quot; an Position %1 schließt kein &quot;(&quot;</translation>
    </message>
    <message>
        <source>unexpected &quot;%1&quot; at position %2; expected an operator + - * /</source>
        <translation>unerwartetes &quot;%1&quot; an Position %2; erwartet wurde ein Operator + - * /</translation>
    </message>
    <message>
        <source>the formula ends after an operator at position %1; a column name or a number must follow</source>
        <translation>die Formel endet nach einem Operator an Position %1; es muss ein Spaltenname oder eine Zahl folgen</translation>
    </message>
    <message>
        <source>&quot;(&quot; at position %1 is never closed</source>
        <translation>&quot;(&quot; an Position %1 wird nie geschlossen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; at position %2 is not a number Fabrica can compute with (at most 30 digits)</source>
        <translation>&quot;%1&quot; an Position %2 ist keine Zahl, mit der Fabrica rechnen kann (höchstens 30 Stellen)</translation>
    </message>
    <message>
        <source>unexpected &quot;%1&quot; at position %2; expected a column name, a number, &quot;-&quot; or &quot;(&quot;</source>
        <translation>unerwartetes &quot;%1&quot; an Position %2; erwartet wurde ein Spaltenname, eine Zahl, &quot;-&quot; oder &quot;(&quot;</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerateCommand</name>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>Output format: %1.</source>
        <translation>Ausgabeformat: %1.</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <source>SQL dialect: postgresql, mysql or sqlite.</source>
        <translation>SQL-Dialekt: postgresql, mysql oder sqlite.</translation>
    </message>
    <message>
        <source>DIALECT</source>
        <translation>DIALEKT</translation>
    </message>
    <message>
        <source>Rows of a table, overriding the schema (repeatable).</source>
        <translation>Zeilenzahl einer Tabelle; überschreibt den Wert aus dem Schema (mehrfach angebbar).</translation>
    </message>
    <message>
        <source>TABLE=N</source>
        <translation>TABLE=N</translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same data.</source>
        <translation>Startwert des Zufallsgenerators: derselbe Startwert liefert dieselben Daten.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Worker threads (default: one per core).</source>
        <translation>Worker-Threads (Standard: einer pro Prozessorkern).</translation>
    </message>
    <message>
        <source>Compress the files with gzip.</source>
        <translation>Die Dateien mit gzip komprimieren.</translation>
    </message>
    <message>
        <source>Write all tables into the file --out.</source>
        <translation>Alle Tabellen in die Datei --out schreiben.</translation>
    </message>
    <message>
        <source>CSV/TSV: no header row.</source>
        <translation>CSV/TSV: keine Kopfzeile.</translation>
    </message>
    <message>
        <source>CSV/TSV: text written for NULL (default empty).</source>
        <translation>CSV/TSV: Text, der für NULL geschrieben wird (Standard: leer).</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>CSV/TSV: end lines with CR LF.</source>
        <translation>CSV/TSV: Zeilen mit CR LF beenden.</translation>
    </message>
    <message>
        <source>CSV/TSV: prefix text starting with = + - @ with &apos; for spreadsheets.</source>
        <translation>CSV/TSV: Text, der mit = + - @ beginnt, für Tabellenkalkulationen ein &apos; voranstellen.</translation>
    </message>
    <message>
        <source>JSON: indent.</source>
        <translation>JSON: einrücken.</translation>
    </message>
    <message>
        <source>SQL: no CREATE TABLE statements.</source>
        <translation>SQL: keine CREATE-TABLE-Anweisungen.</translation>
    </message>
    <message>
        <source>SQL: rows per INSERT statement.</source>
        <translation>SQL: Zeilen pro INSERT-Anweisung.</translation>
    </message>
    <message>
        <source>No progress and no summary.</source>
        <translation>Keinen Fortschritt und keine Zusammenfassung anzeigen.</translation>
    </message>
    <message>
        <source>The schema file (*.fabrica.json).</source>
        <translation>Die Schemadatei (*.fabrica.json).</translation>
    </message>
    <message>
        <source>SCHEMA</source>
        <translation>SCHEMA</translation>
    </message>
    <message>
        <source>name exactly one schema file</source>
        <translation>geben Sie genau eine Schemadatei an</translation>
    </message>
    <message>
        <source>unknown dialect &quot;%1&quot; (postgresql, mysql, sqlite)</source>
        <translation>unbekannter Dialekt &quot;%1&quot; (postgresql, mysql, sqlite)</translation>
    </message>
    <message>
        <source>--seed takes a whole number from 0 to 18446744073709551615</source>
        <translation>--seed erwartet eine ganze Zahl von 0 bis 18446744073709551615</translation>
    </message>
    <message>
        <source>--rows takes TABLE=N with N a whole number of 0 or more, found &quot;%1&quot;</source>
        <translation>--rows erwartet TABLE=N mit einer ganzen Zahl N ab 0, gefunden: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--batch takes a number of 1 or more</source>
        <translation>--batch erwartet eine Zahl ab 1</translation>
    </message>
    <message>
        <source>%1 rows, %2 in %3 s: %4 rows/s, %5/s</source>
        <translation>%1 Zeilen, %2 in %3 s: %4 Zeilen/s, %5/s</translation>
    </message>
    <message>
        <source>Generate a schema&apos;s data into files or straight into a database</source>
        <translation>Die Daten eines Schemas in Dateien oder direkt in eine Datenbank erzeugen</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>With --to, for tables that exist already: fail (change nothing), append (insert into them) or truncate (empty them first).</source>
        <translation>Mit --to, für bereits vorhandene Tabellen: fail (nichts ändern), append (Zeilen hinzufügen) oder truncate (Tabellen zuerst leeren).</translation>
    </message>
    <message>
        <source>MODE</source>
        <translation>MODUS</translation>
    </message>
    <message>
        <source>--out writes files and --to writes into a database: choose one</source>
        <translation>--out schreibt Dateien und --to schreibt in eine Datenbank: wählen Sie eines von beiden</translation>
    </message>
    <message>
        <source>--%1 is for files; it does not apply with --to</source>
        <translation>--%1 gilt nur für Dateien und hat mit --to keine Wirkung</translation>
    </message>
    <message>
        <source>--if-exists applies only with --to</source>
        <translation>--if-exists gilt nur zusammen mit --to</translation>
    </message>
    <message>
        <source>--if-exists takes fail, append or truncate, found &quot;%1&quot;</source>
        <translation>--if-exists erwartet fail, append oder truncate, gefunden: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>(--if-exists append inserts into existing tables, --if-exists truncate empties them first)</source>
        <translation>(--if-exists append fügt Zeilen in vorhandene Tabellen ein, --if-exists truncate leert sie zuerst)</translation>
    </message>
    <message>
        <source>--threads takes a number from 1 to %1</source>
        <translation>--threads erwartet eine Zahl von 1 bis %1</translation>
    </message>
    <message>
        <source>--chunk-rows takes a number from 1 to %1</source>
        <translation>--chunk-rows erwartet eine Zahl von 1 bis %1</translation>
    </message>
    <message>
        <source>--single-file writes one file, but --out %1 is a directory</source>
        <translation>--single-file schreibt eine einzige Datei, aber --out %1 ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>--out %1 does not name a format: end it in .sql, .csv, .tsv, .json or .ndjson (optionally .gz), or add --format</source>
        <translation>--out %1 lässt kein Format erkennen: Lassen Sie den Namen auf .sql, .csv, .tsv, .json oder .ndjson enden (optional mit .gz) oder geben Sie --format an</translation>
    </message>
    <message>
        <source>--out %1 names a .%2 file, but --format is %3: drop --format or make them agree</source>
        <translation>--out %1 bezeichnet eine .%2-Datei, aber --format ist %3: Lassen Sie --format weg oder bringen Sie beide in Einklang</translation>
    </message>
    <message>
        <source>--gzip compresses the file, so its name should end in .gz: %1.gz</source>
        <translation>--gzip komprimiert die Datei, daher sollte ihr Name auf .gz enden: %1.gz</translation>
    </message>
    <message>
        <source>One file, its format from the name (.sql, .csv, .tsv, .json, .ndjson, each optionally .gz), or a directory for one file per table (a path ending in / or an existing directory).</source>
        <translation>Eine Datei, deren Format sich aus dem Namen ergibt (.sql, .csv, .tsv, .json, .ndjson, jeweils optional mit .gz), oder ein Verzeichnis für eine Datei pro Tabelle (ein Pfad, der auf / endet, oder ein vorhandenes Verzeichnis).</translation>
    </message>
    <message>
        <source>--out is required (a file such as data.sql, or a directory), or --to with a database URL</source>
        <translation>--out ist erforderlich (eine Datei wie data.sql oder ein Verzeichnis), oder --to mit einer Datenbank-URL</translation>
    </message>
    <message>
        <source>Write into a database instead: postgresql://user@host:port/db[?schema=NAME], mysql://user@host:port/db or sqlite:FILE. All or nothing: one transaction.</source>
        <translation>Stattdessen in eine Datenbank schreiben: postgresql://user@host:port/db[?schema=NAME], mysql://user@host:port/db oder sqlite:FILE. Alles oder nichts: eine einzige Transaktion.</translation>
    </message>
    <message>
        <source>With --to on PostgreSQL, appending into tables whose foreign keys form a cycle that is not DEFERRABLE: switch their triggers off for the load, like pg_restore (needs the tables&apos; owner or a superuser).</source>
        <translation>Mit --to auf PostgreSQL: beim Anhängen an Tabellen, deren Fremdschlüssel einen Zyklus ohne DEFERRABLE bilden, ihre Trigger während des Ladens abschalten, wie pg_restore (erfordert den Eigentümer der Tabellen oder einen Superuser).</translation>
    </message>
    <message>
        <source>--disable-triggers applies only with --to</source>
        <translation>--disable-triggers gilt nur zusammen mit --to</translation>
    </message>
    <message>
        <source>%1: %2 value(s) shortened to fit the column&apos;s declared size</source>
        <translation>%1: %2 Wert(e) gekürzt, damit sie in die deklarierte Größe der Spalte passen</translation>
    </message>
    <message>
        <source>The most rows per chunk of work (wide tables get fewer).</source>
        <translation>Höchstens so viele Zeilen pro Arbeitspaket (breite Tabellen bekommen weniger).</translation>
    </message>
    <message>
        <source>Write only the K-th of N equal row ranges of every table (K from 1 to N), for generating on N machines: the N shards&apos; files of a table concatenated are the whole file (CSV/TSV header in shard 1 only). Formats csv, tsv, ndjson, one file per table; or --to with --if-exists append.</source>
        <translation>Nur den K-ten von N gleich großen Zeilenbereichen jeder Tabelle schreiben (K von 1 bis N), um auf N Rechnern zu erzeugen: Die Dateien der N Teile einer Tabelle ergeben aneinandergehängt die ganze Datei (CSV/TSV-Kopfzeile nur in Teil 1). Formate csv, tsv, ndjson, eine Datei pro Tabelle; oder --to mit --if-exists append.</translation>
    </message>
    <message>
        <source>K/N</source>
        <translation>K/N</translation>
    </message>
    <message>
        <source>--shard: %1</source>
        <translation>--shard: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::GeneratePanel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 rows/s</source>
        <translation>%1 Zeilen/s</translation>
    </message>
    <message>
        <source>The same seed and schema always give the same data (0 to 18446744073709551615)</source>
        <translation>Derselbe Startwert und dasselbe Schema liefern immer dieselben Daten (0 bis 18446744073709551615)</translation>
    </message>
    <message>
        <source>New Seed</source>
        <translation>Neuer Startwert</translation>
    </message>
    <message>
        <source>Pick a random seed, for different data</source>
        <translation>Einen zufälligen Startwert wählen, für andere Daten</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <source>Threads that generate rows; the data is the same for any number</source>
        <translation>Threads, die Zeilen erzeugen; die Daten sind bei jeder Anzahl dieselben</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Preview only</source>
        <translation>Nur Vorschau</translation>
    </message>
    <message>
        <source>Save as a run in storage</source>
        <translation>Als Lauf im Datenspeicher speichern</translation>
    </message>
    <message>
        <source>Write into a database…</source>
        <translation>In eine Datenbank schreiben…</translation>
    </message>
    <message>
        <source>Export to files…</source>
        <translation>In Dateien exportieren…</translation>
    </message>
    <message>
        <source>Ta&amp;rget:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>Reset to Sche&amp;ma</source>
        <translation>Auf Schema zu&amp;rücksetzen</translation>
    </message>
    <message>
        <source>Generate every table&apos;s row count from the schema again</source>
        <translation>Wieder für jede Tabelle die im Schema angegebene Zeilenzahl erzeugen</translation>
    </message>
    <message>
        <source>Ro&amp;ws per table:</source>
        <translation>Zeilen &amp;pro Tabelle:</translation>
    </message>
    <message>
        <source>Total: %1 rows</source>
        <translation>Gesamt: %1 Zeilen</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>Generate the data into the chosen target (%1)</source>
        <translation>Die Daten erzeugen und in das gewählte Ziel schreiben (%1)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the generation; nothing is written (Esc)</source>
        <translation>Die Generierung abbrechen; es wird nichts geschrieben (Esc)</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Vergangen</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Generating into %1…</source>
        <translation>Daten werden in %1 erzeugt…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancelling the generation…</source>
        <translation>Die Generierung wird abgebrochen…</translation>
    </message>
    <message>
        <source>%1 % · %2 of %3 rows</source>
        <translation>%1 % · %2 von %3 Zeilen</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Vorbereitung…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written</source>
        <translation>Abgebrochen; es wurde nichts geschrieben</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The generation failed: %1</source>
        <translation>Die Generierung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Generation Failed</source>
        <translation>Generierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>The data could not be generated into %1.</source>
        <translation>Die Daten konnten nicht in %1 erzeugt werden.</translation>
    </message>
    <message>
        <source>Exported %1 rows (%2) in %3, %4, to %5</source>
        <translation>%1 Zeilen (%2) in %3 nach %5 exportiert, %4</translation>
    </message>
    <message>
        <source>Wrote %1 rows (%2) in %3, %4, into %5</source>
        <translation>%1 Zeilen (%2) in %3 nach %5 geschrieben, %4</translation>
    </message>
    <message>
        <source>Saved %1 rows (%2) in %3, %4, as run %5 in storage</source>
        <translation>%1 Zeilen (%2) in %3 als Lauf %5 im Datenspeicher gespeichert, %4</translation>
    </message>
    <message numerus="yes">
        <source>%1; values shortened in %n column(s), see the Generate panel</source>
        <translation>
            <numerusform>%1; Werte in %n Spalte gekürzt, siehe den Bereich „Erzeugen“</numerusform>
            <numerusform>%1; Werte in %n Spalten gekürzt, siehe den Bereich „Erzeugen“</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 value(s) shortened to fit the column&apos;s declared size</source>
        <translation>
            <numerusform>%1: %2 Wert gekürzt, damit er in die deklarierte Größe der Spalte passt</numerusform>
            <numerusform>%1: %2 Werte gekürzt, damit sie in die deklarierte Größe der Spalte passen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 value(s) shortened to fit %3</source>
        <translation>
            <numerusform>%1: %2 Wert gekürzt, damit er in %3 passt</numerusform>
            <numerusform>%1: %2 Werte gekürzt, damit sie in %3 passen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::GeneratedDataSink</name>
    <message>
        <source>the stored data was finished before it was started</source>
        <translation>die gespeicherten Daten wurden abgeschlossen, bevor sie begonnen wurden</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerationController</name>
    <message>
        <source>the generation ended without a result</source>
        <translation>die Generierung endete ohne Ergebnis</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerationFlow</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Generate the schema&apos;s data into CSV, TSV, JSON, NDJSON or SQL files</source>
        <translation>Die Daten des Schemas in CSV-, TSV-, JSON-, NDJSON- oder SQL-Dateien erzeugen</translation>
    </message>
    <message>
        <source>&amp;Write into Database…</source>
        <translation>In &amp;Datenbank schreiben…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Generate the schema&apos;s data straight into a PostgreSQL or SQLite database</source>
        <translation>Die Daten des Schemas direkt in eine PostgreSQL- oder SQLite-Datenbank erzeugen</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>Generate the data to the target chosen in the Generate panel</source>
        <translation>Die Daten für das Ziel erzeugen, das im Bereich „Generieren“ gewählt ist</translation>
    </message>
    <message>
        <source>Generation Running</source>
        <translation>Generierung läuft</translation>
    </message>
    <message>
        <source>A generation is running. Wait for it to end or cancel it first.</source>
        <translation>Es läuft eine Generierung. Warten Sie, bis sie endet, oder brechen Sie sie zuerst ab.</translation>
    </message>
    <message>
        <source>Save to Storage First</source>
        <translation>Zuerst im Datenspeicher speichern</translation>
    </message>
    <message>
        <source>The data of a run is kept with the schema it was generated from, so the schema must be saved in storage first. Save it now? Generate again once it is saved.</source>
        <translation>Die Daten eines Laufs werden bei dem Schema abgelegt, aus dem sie erzeugt wurden, daher muss das Schema zuerst im Datenspeicher gespeichert werden. Jetzt speichern? Generieren Sie erneut, sobald es gespeichert ist.</translation>
    </message>
    <message>
        <source>Data of Run %1</source>
        <translation>Daten von Lauf %1</translation>
    </message>
    <message>
        <source>Run %1 is no longer listed; refresh the runs.</source>
        <translation>Lauf %1 steht nicht mehr in der Liste; aktualisieren Sie die Läufe.</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerationJob</name>
    <message>
        <source>generation was cancelled</source>
        <translation>die Erzeugung wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerationProgress</name>
    <message>
        <source>%1:%2:%3</source>
        <comment>hours:minutes:seconds</comment>
        <translation>%1:%2:%3</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <comment>minutes:seconds</comment>
        <translation>%1:%2</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerationProgressModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerationRequest</name>
    <message>
        <source>threads must be from 1 to %1 (or 0 for one per core), found %2</source>
        <translation>threads muss zwischen 1 und %1 liegen (oder 0 für einen pro Prozessorkern), ist aber %2</translation>
    </message>
    <message>
        <source>rows per chunk must be from 1 to %1, found %2</source>
        <translation>die Zeilen pro Arbeitspaket müssen zwischen 1 und %1 liegen, sind aber %2</translation>
    </message>
    <message>
        <source>rows of table &quot;%1&quot; must be 0 or more, found %2</source>
        <translation>die Zeilenzahl der Tabelle &quot;%1&quot; muss 0 oder größer sein, ist aber %2</translation>
    </message>
    <message>
        <source>the run to export must be a run number, found %1</source>
        <translation>der zu exportierende Lauf muss eine Laufnummer sein, ist aber %1</translation>
    </message>
    <message>
        <source>a stored run is exported with the row counts it was generated with; leave out the rows per table</source>
        <translation>ein gespeicherter Lauf wird mit den Zeilenzahlen exportiert, mit denen er erzeugt wurde; lassen Sie die Zeilen pro Tabelle weg</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot; (formats: %2)</source>
        <translation>unbekanntes Format &quot;%1&quot; (Formate: %2)</translation>
    </message>
    <message>
        <source>no file or folder to export to</source>
        <translation>keine Datei und kein Ordner als Exportziel angegeben</translation>
    </message>
    <message>
        <source>rows per INSERT must be 1 or more, found %1</source>
        <translation>die Zeilen pro INSERT müssen 1 oder mehr sein, sind aber %1</translation>
    </message>
    <message>
        <source>no database to write into</source>
        <translation>keine Datenbank als Ziel angegeben</translation>
    </message>
    <message>
        <source>run %1 is in storage already; export it to files or a database instead</source>
        <translation>Lauf %1 liegt bereits im Datenspeicher; exportieren Sie ihn stattdessen in Dateien oder eine Datenbank</translation>
    </message>
    <message>
        <source>only a schema saved in storage can keep its data there; save the schema first</source>
        <translation>nur ein im Datenspeicher gespeichertes Schema kann dort auch seine Daten ablegen; speichern Sie das Schema zuerst</translation>
    </message>
    <message>
        <source>the seed must be a whole number from 0 to 18446744073709551615</source>
        <translation>der Startwert muss eine ganze Zahl von 0 bis 18446744073709551615 sein</translation>
    </message>
    <message>
        <source>run %1 is exported as it is; download its export instead</source>
        <translation>Lauf %1 wird so exportiert, wie er ist; laden Sie stattdessen seinen Export herunter</translation>
    </message>
    <message>
        <source>unknown target &quot;%1&quot; (targets: files, database, storage, download)</source>
        <translation>unbekanntes Ziel &quot;%1&quot; (Ziele: files, database, storage, download)</translation>
    </message>
    <message>
        <source>shard %1</source>
        <translation>Teil %1</translation>
    </message>
    <message>
        <source>%1: a stored run is exported whole; shards are for generating</source>
        <translation>%1: ein gespeicherter Lauf wird als Ganzes exportiert; Teile sind zum Erzeugen da</translation>
    </message>
    <message>
        <source>%1: the %2 format frames its rows, so its shards cannot be put together by concatenating them; shard one of %3, or load the shards into a database</source>
        <translation>%1: das Format %2 rahmt seine Zeilen ein, daher lassen sich seine Teile nicht durch Aneinanderhängen zusammensetzen; teilen Sie eines von %3 auf, oder laden Sie die Teile in eine Datenbank</translation>
    </message>
    <message>
        <source>%1: one file for all tables cannot be sharded (each shard holds a part of every table); write a directory, one file per table</source>
        <translation>%1: eine Datei für alle Tabellen lässt sich nicht aufteilen (jeder Teil enthält einen Teil jeder Tabelle); schreiben Sie in einen Ordner, eine Datei pro Tabelle</translation>
    </message>
    <message>
        <source>%1: emptying the tables (truncate) would remove the rows other shards loaded; only shard 1 may empty them, the others append</source>
        <translation>%1: das Leeren der Tabellen (truncate) würde die Zeilen entfernen, die andere Teile geladen haben; nur Teil 1 darf sie leeren, die anderen hängen an</translation>
    </message>
    <message>
        <source>%1: only files and databases take a shard of the data; generate the whole for storage or a download</source>
        <translation>%1: nur Dateien und Datenbanken nehmen einen Teil der Daten an; erzeugen Sie für den Datenspeicher oder einen Download das Ganze</translation>
    </message>
</context>
<context>
    <name>fabrica::GenerationRunner</name>
    <message>
        <source>there is no storage to keep the data in</source>
        <translation>es gibt keinen Datenspeicher, in dem die Daten abgelegt werden könnten</translation>
    </message>
    <message>
        <source>the run was not recorded</source>
        <translation>der Lauf wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>there is no storage to read run %1 from</source>
        <translation>es gibt keinen Datenspeicher, aus dem Lauf %1 gelesen werden könnte</translation>
    </message>
    <message>
        <source>shard %1: the tables this load created (%2) have no foreign keys: their rows point at rows other shards load; add the keys once every shard is loaded</source>
        <translation>Teil %1: die von diesem Ladevorgang angelegten Tabellen (%2) haben keine Fremdschlüssel: ihre Zeilen verweisen auf Zeilen, die andere Teile laden; fügen Sie die Schlüssel hinzu, sobald alle Teile geladen sind</translation>
    </message>
</context>
<context>
    <name>fabrica::GeneratorFactory</name>
    <message>
        <source>Fabrica cannot generate type %1 yet</source>
        <translation>Fabrica kann den Typ %1 noch nicht erzeugen</translation>
    </message>
</context>
<context>
    <name>fabrica::GoToRowEdit</name>
    <message>
        <source>Row number</source>
        <translation>Zeilennummer</translation>
    </message>
    <message>
        <source>Go to a row and select it (Ctrl+G)</source>
        <translation>Zu einer Zeile springen und sie auswählen (Strg+G)</translation>
    </message>
</context>
<context>
    <name>fabrica::GuardedTcpServer</name>
    <message>
        <source>Too many open connections; close some and try again.</source>
        <translation>Zu viele offene Verbindungen; schließen Sie einige und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The request did not arrive completely within %1 seconds.</source>
        <translation>Die Anfrage ist nicht innerhalb von %1 Sekunden vollständig angekommen.</translation>
    </message>
</context>
<context>
    <name>fabrica::HttpFraming</name>
    <message>
        <source>The request line and headers exceed %1 bytes.</source>
        <translation>Anfragezeile und Header überschreiten %1 Bytes.</translation>
    </message>
    <message>
        <source>The request&apos;s trailers exceed %1 bytes.</source>
        <translation>Die Trailer der Anfrage überschreiten %1 Bytes.</translation>
    </message>
    <message>
        <source>A chunk-size line of the request is malformed.</source>
        <translation>Eine Chunk-Größenzeile der Anfrage ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request body exceeds %1 bytes.</source>
        <translation>Der Anfragetext überschreitet %1 Bytes.</translation>
    </message>
    <message>
        <source>The request line is malformed.</source>
        <translation>Die Anfragezeile ist fehlerhaft.</translation>
    </message>
    <message>
        <source>A header line of the request is malformed.</source>
        <translation>Eine Headerzeile der Anfrage ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The Content-Length header is not a number.</source>
        <translation>Der Content-Length-Header ist keine Zahl.</translation>
    </message>
    <message>
        <source>The request has more than one Content-Length header.</source>
        <translation>Die Anfrage hat mehr als einen Content-Length-Header.</translation>
    </message>
    <message>
        <source>The request has both Content-Length and Transfer-Encoding.</source>
        <translation>Die Anfrage hat sowohl Content-Length als auch Transfer-Encoding.</translation>
    </message>
    <message>
        <source>Only the chunked transfer coding is accepted.</source>
        <translation>Nur die Transferkodierung chunked wird angenommen.</translation>
    </message>
</context>
<context>
    <name>fabrica::ImportCommand</name>
    <message>
        <source>Import a ZIP, SQL DDL, CSV samples or a schema file as schemas</source>
        <translation>Eine ZIP-Datei, SQL-DDL, CSV-Beispieldaten oder eine Schemadatei als Schemas importieren</translation>
    </message>
    <message>
        <source>A ZIP may hold *.fabrica.json, *.sql (PostgreSQL, MySQL or SQLite DDL) and *.csv/*.tsv samples (file name = table) in any folders; each top-level folder becomes one schema. The report lists every table, every type guess, and everything skipped or refused.</source>
        <translation>Eine ZIP-Datei kann *.fabrica.json, *.sql (DDL für PostgreSQL, MySQL oder SQLite) und *.csv/*.tsv-Beispieldaten (Dateiname = Tabelle) in beliebigen Ordnern enthalten; jeder Ordner der obersten Ebene wird zu einem Schema. Der Bericht führt jede Tabelle, jede Typvermutung und alles Übersprungene oder Abgelehnte auf.</translation>
    </message>
    <message>
        <source>Print the report; store and write nothing.</source>
        <translation>Den Bericht ausgeben; nichts speichern und nichts schreiben.</translation>
    </message>
    <message>
        <source>Write the schema to this .fabrica.json file (or each schema into this folder) instead of storing it.</source>
        <translation>Das Schema in diese .fabrica.json-Datei schreiben (oder jedes Schema in diesen Ordner), statt es zu speichern.</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>The user who owns the stored schemas (default: the only user).</source>
        <translation>Der Benutzer, dem die gespeicherten Schemas gehören (Standard: der einzige Benutzer).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>When a schema name is taken: cancel (default), replace or rename.</source>
        <translation>Wenn ein Schemaname bereits vergeben ist: cancel (Standard), replace oder rename.</translation>
    </message>
    <message>
        <source>ACTION</source>
        <translation>AKTION</translation>
    </message>
    <message>
        <source>Rows per table of the imported schemas (default 1000).</source>
        <translation>Zeilen pro Tabelle der importierten Schemas (Standard: 1000).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>The ZIP, .sql, .csv, .tsv or .fabrica.json file.</source>
        <translation>Die ZIP-, .sql-, .csv-, .tsv- oder .fabrica.json-Datei.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>fabrica import: %1</source>
        <translation>fabrica import: %1</translation>
    </message>
    <message>
        <source>name one file to import; `fabrica import --help` explains</source>
        <translation>geben Sie genau eine zu importierende Datei an; `fabrica import --help` erklärt die Einzelheiten</translation>
    </message>
    <message>
        <source>--on-conflict takes cancel, replace or rename</source>
        <translation>--on-conflict erwartet cancel, replace oder rename</translation>
    </message>
    <message>
        <source>--rows takes a number of 0 or more</source>
        <translation>--rows erwartet eine Zahl ab 0</translation>
    </message>
    <message numerus="yes">
        <source>fabrica import: nothing was imported (%n error(s), %1 refused)</source>
        <translation>
            <numerusform>fabrica import: es wurde nichts importiert (%n Fehler, %1 abgelehnt)</numerusform>
            <numerusform>fabrica import: es wurde nichts importiert (%n Fehler, %1 abgelehnt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>dry run: %n schema(s) understood, nothing stored</source>
        <translation>
            <numerusform>Probelauf: %n Schema verstanden, nichts gespeichert</numerusform>
            <numerusform>Probelauf: %n Schemas verstanden, nichts gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>fabrica import: no user called &quot;%1&quot;</source>
        <translation>fabrica import: kein Benutzer namens &quot;%1&quot;</translation>
    </message>
    <message>
        <source>fabrica import: the storage has no user yet; add one with `fabrica users add NAME --admin`</source>
        <translation>fabrica import: der Datenspeicher hat noch keinen Benutzer; legen Sie einen mit `fabrica users add NAME --admin` an</translation>
    </message>
    <message>
        <source>fabrica import: name the owner with --user</source>
        <translation>fabrica import: geben Sie den Eigentümer mit --user an</translation>
    </message>
    <message>
        <source>fabrica import: nothing was stored: %1</source>
        <translation>fabrica import: es wurde nichts gespeichert: %1</translation>
    </message>
    <message>
        <source>(--on-conflict replace or rename decides what happens to a taken name)</source>
        <translation>(--on-conflict replace oder rename legt fest, was mit einem bereits vergebenen Namen geschieht)</translation>
    </message>
    <message numerus="yes">
        <source>stored schema &quot;%1&quot; (id %2, %n table(s)) for %3</source>
        <translation>
            <numerusform>Schema &quot;%1&quot; (ID %2, %n Tabelle) für %3 gespeichert</numerusform>
            <numerusform>Schema &quot;%1&quot; (ID %2, %n Tabellen) für %3 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>The imported schemas&apos; reference date: guessed date ranges end there (default: today).</source>
        <translation>Das Bezugsdatum der importierten Schemata: erratene Datumsbereiche enden dort (Standard: heute).</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>--reference-date takes a date as YYYY-MM-DD, found &quot;%1&quot;</source>
        <translation>--reference-date erwartet ein Datum der Form YYYY-MM-DD, gefunden: &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>fabrica::ImportFlow</name>
    <message>
        <source>An import is running already.</source>
        <translation>Es läuft bereits ein Import.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import läuft…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was stored.</source>
        <translation>Import abgebrochen; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Import closed; nothing was stored.</source>
        <translation>Import geschlossen; es wurde nichts gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n table(s) to %1.</source>
        <translation>
            <numerusform>%n Tabelle zu %1 hinzugefügt.</numerusform>
            <numerusform>%n Tabellen zu %1 hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n schema(s).</source>
        <translation>
            <numerusform>%n Schema importiert.</numerusform>
            <numerusform>%n Schemas importiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportIntoSchemaCommand</name>
    <message numerus="yes">
        <source>Import %n table(s) from %1</source>
        <translation>
            <numerusform>%n Tabelle aus %1 importieren</numerusform>
            <numerusform>%n Tabellen aus %1 importieren</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportPreviewDialog</name>
    <message>
        <source>Import Preview</source>
        <translation>Importvorschau</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Cannot tell which names are taken: %1</source>
        <translation>Es lässt sich nicht feststellen, welche Namen bereits vergeben sind: %1</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Place or message</source>
        <translation>Stelle oder Meldung</translation>
    </message>
    <message>
        <source>Shows only the lines whose place or message contains this text (%1)</source>
        <translation>Zeigt nur die Zeilen, deren Stelle oder Meldung diesen Text enthält (%1)</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Suche:</translation>
    </message>
    <message>
        <source>Shows only the lines of these levels</source>
        <translation>Zeigt nur die Zeilen dieser Kategorien</translation>
    </message>
    <message>
        <source>&amp;Levels:</source>
        <translation>&amp;Kategorien:</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <source>Everything the import read, guessed, skipped and refused. %1 copies the selected lines.</source>
        <translation>Alles, was der Import gelesen, vermutet, übersprungen und abgelehnt hat. %1 kopiert die ausgewählten Zeilen.</translation>
    </message>
    <message>
        <source>The selected line of the report in full</source>
        <translation>Die ausgewählte Zeile des Berichts in voller Länge</translation>
    </message>
    <message>
        <source>Resulting Schemas</source>
        <translation>Entstehende Schemas</translation>
    </message>
    <message>
        <source>Resulting schemas</source>
        <translation>Entstehende Schemas</translation>
    </message>
    <message>
        <source>The schemas as they will be stored: tables with their rows to generate, columns with their types</source>
        <translation>Die Schemas, wie sie gespeichert werden: Tabellen mit der Anzahl zu erzeugender Zeilen, Spalten mit ihren Typen</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Store as &amp;new schemas</source>
        <translation>Als &amp;neue Schemas speichern</translation>
    </message>
    <message>
        <source>Saves every resulting schema in your storage, all or none</source>
        <translation>Speichert jedes entstehende Schema in Ihrem Datenspeicher – alle oder keines</translation>
    </message>
    <message>
        <source>Replace the stored schema (its runs are deleted with it)</source>
        <translation>Das gespeicherte Schema ersetzen (seine Läufe werden mit gelöscht)</translation>
    </message>
    <message>
        <source>Save under a new name, such as «name (2)»</source>
        <translation>Unter einem neuen Namen speichern, etwa »Name (2)«</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Den Import abbrechen</translation>
    </message>
    <message>
        <source>What happens to a resulting schema whose name you have used already</source>
        <translation>Was mit einem entstehenden Schema geschieht, dessen Namen Sie bereits verwendet haben</translation>
    </message>
    <message>
        <source>&amp;When a name is taken:</source>
        <translation>&amp;Wenn ein Name vergeben ist:</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>Problems only</source>
        <translation>Nur Probleme</translation>
    </message>
    <message numerus="yes">
        <source>%n schema(s)</source>
        <translation>
            <numerusform>%n Schema</numerusform>
            <numerusform>%n Schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n Spalte</numerusform>
            <numerusform>%n Spalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n abgelehnt</numerusform>
            <numerusform>%n abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guess(es)</source>
        <translation>
            <numerusform>%n Vermutung</numerusform>
            <numerusform>%n Vermutungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>No schema</source>
        <translation>Kein Schema</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>Nothing was imported: no schema, DDL or CSV file was found.</source>
        <translation>Es wurde nichts importiert: Es wurde keine Schema-, DDL- oder CSV-Datei gefunden.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Es wurde nichts importiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>See the report for %n more problem(s).</source>
        <translation>
            <numerusform>Der Bericht nennt %n weiteres Problem.</numerusform>
            <numerusform>Der Bericht nennt %n weitere Probleme.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a line to see it in full.</source>
        <translation>Wählen Sie eine Zeile aus, um sie in voller Länge zu sehen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 at %2:
%3</source>
        <translation>%1 bei %2:
%3</translation>
    </message>
    <message>
        <source>&amp;Add the tables to the open schema</source>
        <translation>&amp;Tabellen zum geöffneten Schema hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Add the tables to the open schema «%1»</source>
        <translation>&amp;Tabellen zum geöffneten Schema »%1« hinzufügen</translation>
    </message>
    <message>
        <source>Adds the tables to the schema in the editor, where Undo takes them out again; nothing is stored until you save</source>
        <translation>Fügt die Tabellen dem Schema im Editor hinzu, wo Rückgängig sie wieder entfernt; gespeichert wird erst, wenn Sie speichern</translation>
    </message>
    <message>
        <source>Nothing can be added: the import has errors or refused input</source>
        <translation>Es kann nichts hinzugefügt werden: der Import enthält Fehler oder abgelehnte Eingaben</translation>
    </message>
    <message>
        <source>No schema is open in the editor</source>
        <translation>Im Editor ist kein Schema geöffnet</translation>
    </message>
    <message numerus="yes">
        <source>Only the tables of one schema can be added; this import made %n schema(s)</source>
        <translation>
            <numerusform>Nur die Tabellen eines einzigen Schemas können hinzugefügt werden; dieser Import hat %n Schema erzeugt</numerusform>
            <numerusform>Nur die Tabellen eines einzigen Schemas können hinzugefügt werden; dieser Import hat %n Schemas erzeugt</numerusform>
        </translation>
    </message>
    <message>
        <source>No storage is open</source>
        <translation>Es ist kein Datenspeicher geöffnet</translation>
    </message>
    <message>
        <source>Nothing can be stored: the import has errors or refused input</source>
        <translation>Es kann nichts gespeichert werden: der Import enthält Fehler oder abgelehnte Eingaben</translation>
    </message>
    <message numerus="yes">
        <source>You have stored a schema of this name already: %1</source>
        <translation>
            <numerusform>Sie haben bereits ein Schema mit diesem Namen gespeichert: %1</numerusform>
            <numerusform>Sie haben bereits Schemas mit diesen Namen gespeichert: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The import holds more than one schema of this name: %1</source>
        <translation>
            <numerusform>Der Import enthält mehr als ein Schema mit diesem Namen: %1</numerusform>
            <numerusform>Der Import enthält jeweils mehr als ein Schema mit diesen Namen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add Tables</source>
        <translation>Tabellen &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Stores the schemas shown, all or none</source>
        <translation>Speichert die angezeigten Schemas – alle oder keines</translation>
    </message>
    <message>
        <source>Closes this preview and adds the tables to the open schema</source>
        <translation>Schließt diese Vorschau und fügt die Tabellen dem geöffneten Schema hinzu</translation>
    </message>
    <message numerus="yes">
        <source>Storing %n schema(s)…</source>
        <translation>
            <numerusform>%n Schema wird gespeichert…</numerusform>
            <numerusform>%n Schemas werden gespeichert…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was stored: %1</source>
        <translation>Es wurde nichts gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::ImportReport</name>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>guess</source>
        <translation>Vermutung</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>fabrica::ImportReportFilterModel</name>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 von %3)</translation>
    </message>
</context>
<context>
    <name>fabrica::ImportReportModel</name>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Guesses</source>
        <translation>Vermutungen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informationen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Input rejected for safety or form. Nothing is imported while anything is refused.</source>
        <translation>Eingaben, die aus Sicherheitsgründen oder wegen ihrer Form abgelehnt wurden. Solange etwas abgelehnt ist, wird nichts importiert.</translation>
    </message>
    <message>
        <source>Problems that stop the import. Fix the input and import it again.</source>
        <translation>Probleme, die den Import verhindern. Korrigieren Sie die Eingabe und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>Doubtful input that did not stop the import. Check the schema before using it.</source>
        <translation>Zweifelhafte Eingaben, die den Import nicht verhindert haben. Prüfen Sie das Schema, bevor Sie es verwenden.</translation>
    </message>
    <message>
        <source>Choices the import made for you, such as a column&apos;s type. Change them in the editor if they are wrong.</source>
        <translation>Entscheidungen, die der Import für Sie getroffen hat, etwa der Typ einer Spalte. Ändern Sie sie im Editor, falls sie nicht stimmen.</translation>
    </message>
    <message>
        <source>Input left out on purpose, such as functions or files of another kind.</source>
        <translation>Absichtlich ausgelassene Eingaben, etwa Funktionen oder Dateien anderer Art.</translation>
    </message>
    <message>
        <source>What was read.</source>
        <translation>Was gelesen wurde.</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>fabrica::ImportRoutes</name>
    <message>
        <source>An import is a ZIP (application/zip), a schema file (application/json), SQL DDL (application/sql or text/plain), CSV samples (text/csv or text/tab-separated-values) or multipart/form-data with such files, not %1.</source>
        <translation>Ein Import ist ein ZIP (application/zip), eine Schemadatei (application/json), SQL-DDL (application/sql oder text/plain), CSV-Beispieldaten (text/csv oder text/tab-separated-values) oder multipart/form-data mit solchen Dateien, nicht %1.</translation>
    </message>
    <message>
        <source>a body without Content-Type</source>
        <translation>ein Anfragetext ohne Content-Type</translation>
    </message>
    <message>
        <source>The query parameter &quot;%1&quot; is true or false.</source>
        <translation>Der Abfrageparameter &quot;%1&quot; muss true oder false sein.</translation>
    </message>
    <message>
        <source>The query parameter &quot;onConflict&quot; is cancel, replace or rename.</source>
        <translation>Der Abfrageparameter &quot;onConflict&quot; muss cancel, replace oder rename sein.</translation>
    </message>
    <message>
        <source>Nothing was imported: no schema, DDL or CSV file was found.</source>
        <translation>Es wurde nichts importiert: Es wurde keine Schema-, DDL- oder CSV-Datei gefunden.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 (the report in the details lists everything)</source>
        <translation>Es wurde nichts importiert: %1 (der Bericht in den Details führt alles auf)</translation>
    </message>
    <message>
        <source>The request body is empty; send the file to import.</source>
        <translation>Der Anfragetext ist leer; senden Sie die zu importierende Datei.</translation>
    </message>
    <message>
        <source>The part &quot;%1&quot; is neither a ZIP, a .fabrica.json, a .sql nor a .csv/.tsv file; give it one of those endings or its media type.</source>
        <translation>Der Teil &quot;%1&quot; ist weder eine ZIP-, .fabrica.json-, .sql- noch .csv/.tsv-Datei; geben Sie ihm eine dieser Endungen oder seinen Medientyp.</translation>
    </message>
    <message>
        <source>The multipart body has no file part (a part with a filename) to import.</source>
        <translation>Der Multipart-Anfragetext hat keinen Dateiteil (einen Teil mit Dateinamen), der importiert werden könnte.</translation>
    </message>
    <message>
        <source>An import may be at most %1 MiB; this one has %2 bytes.</source>
        <translation>Ein Import darf höchstens %1 MiB groß sein; dieser hat %2 Bytes.</translation>
    </message>
</context>
<context>
    <name>fabrica::ImportSchemaModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>%1, primary key</source>
        <translation>%1, Primärschlüssel</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1, unique</source>
        <translation>%1, eindeutig</translation>
    </message>
    <message numerus="yes">
        <source>%n sample value(s)</source>
        <translation>
            <numerusform>%n Beispielwert</numerusform>
            <numerusform>%n Beispielwerte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%L1 rows, %n column(s)</source>
        <translation>
            <numerusform>%L1 Zeilen, %n Spalte</numerusform>
            <numerusform>%L1 Zeilen, %n Spalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ImportService</name>
    <message>
        <source>not UTF-8; read as Latin-1 (ISO 8859-1), check the accented letters</source>
        <translation>kein UTF-8; als Latin-1 (ISO 8859-1) gelesen, prüfen Sie Umlaute und Buchstaben mit Akzent</translation>
    </message>
    <message numerus="yes">
        <source>Fabrica schema &quot;%1&quot;: %n table(s)</source>
        <translation>
            <numerusform>Fabrica-Schema &quot;%1&quot;: %n Tabelle</numerusform>
            <numerusform>Fabrica-Schema &quot;%1&quot;: %n Tabellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 DDL: %n table(s)</source>
        <translation>
            <numerusform>%1-DDL: %n Tabelle</numerusform>
            <numerusform>%1-DDL: %n Tabellen</numerusform>
        </translation>
    </message>
    <message>
        <source>not a schema (.fabrica.json), DDL (.sql) or sample (.csv, .tsv) file</source>
        <translation>keine Schemadatei (.fabrica.json), DDL-Datei (.sql) oder Beispieldatei (.csv, .tsv)</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the file is larger than the %1 MiB an import may be</source>
        <translation>die Datei ist größer als die %1 MiB, die ein Import umfassen darf</translation>
    </message>
    <message>
        <source>the archive was refused; nothing was imported</source>
        <translation>das Archiv wurde abgelehnt; es wurde nichts importiert</translation>
    </message>
    <message>
        <source>schema name &quot;%1&quot; (from &quot;%2&quot;)</source>
        <translation>Schemaname &quot;%1&quot; (aus &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>the import was cancelled; nothing was imported</source>
        <translation>der Import wurde abgebrochen; es wurde nichts importiert</translation>
    </message>
    <message>
        <source>no tables found; no schema made of &quot;%1&quot;</source>
        <translation>keine Tabellen gefunden; aus &quot;%1&quot; wurde kein Schema erstellt</translation>
    </message>
    <message numerus="yes">
        <source>schema &quot;%1&quot;: %n table(s)</source>
        <translation>
            <numerusform>Schema &quot;%1&quot;: %n Tabelle</numerusform>
            <numerusform>Schema &quot;%1&quot;: %n Tabellen</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing to import: no schema, DDL or CSV file was found</source>
        <translation>nichts zu importieren: es wurde keine Schema-, DDL- oder CSV-Datei gefunden</translation>
    </message>
    <message>
        <source>the import has errors or refused input; fix them before saving (see the report)</source>
        <translation>der Import enthält Fehler oder abgelehnte Eingaben; beheben Sie diese vor dem Speichern (siehe Bericht)</translation>
    </message>
</context>
<context>
    <name>fabrica::JobService</name>
    <message>
        <source>only a schema saved in storage can be generated as a job; save the schema first</source>
        <translation>nur ein im Datenspeicher gespeichertes Schema kann als Auftrag generiert werden; speichern Sie das Schema zuerst</translation>
    </message>
    <message>
        <source>the account that asked for the run is disabled</source>
        <translation>das Konto, das den Lauf angefordert hat, ist gesperrt</translation>
    </message>
</context>
<context>
    <name>fabrica::JsonFieldInference</name>
    <message>
        <source>JSON objects too large or too deep to describe, kept as text</source>
        <translation>JSON-Objekte, zu groß oder zu tief verschachtelt für eine Beschreibung, als Text übernommen</translation>
    </message>
    <message>
        <source>empty JSON objects, kept as text</source>
        <translation>leere JSON-Objekte, als Text übernommen</translation>
    </message>
    <message>
        <source>JSON objects whose member &quot;%1&quot; holds arrays, kept as text</source>
        <translation>JSON-Objekte, deren Element &quot;%1&quot; Arrays enthält, als Text übernommen</translation>
    </message>
    <message>
        <source>JSON objects whose member &quot;%1&quot; holds values of different kinds, kept as text</source>
        <translation>JSON-Objekte, deren Element &quot;%1&quot; Werte unterschiedlicher Art enthält, als Text übernommen</translation>
    </message>
</context>
<context>
    <name>fabrica::JsonFieldsField</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Constraints</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Feld hinzufügen</translation>
    </message>
    <message>
        <source>Add a field at the top level</source>
        <translation>Ein Feld auf der obersten Ebene hinzufügen</translation>
    </message>
    <message>
        <source>Add nested field</source>
        <translation>Verschachteltes Feld hinzufügen</translation>
    </message>
    <message>
        <source>Add a field inside the selected json field</source>
        <translation>Ein Feld innerhalb des ausgewählten json-Felds hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected field</source>
        <translation>Das ausgewählte Feld entfernen</translation>
    </message>
    <message>
        <source>Edit as JSON</source>
        <translation>Als JSON bearbeiten</translation>
    </message>
    <message>
        <source>Edit the fields as raw JSON</source>
        <translation>Die Felder als reines JSON bearbeiten</translation>
    </message>
    <message>
        <source>The field&apos;s constraints as a JSON object, e.g. {&quot;min&quot;: 1}</source>
        <translation>Die Constraints des Felds als JSON-Objekt, z. B. {&quot;min&quot;: 1}</translation>
    </message>
    <message>
        <source>a field needs a name</source>
        <translation>ein Feld braucht einen Namen</translation>
    </message>
    <message>
        <source>the field name &quot;%1&quot; is used twice</source>
        <translation>der Feldname &quot;%1&quot; wird zweimal verwendet</translation>
    </message>
    <message>
        <source>the constraints of field &quot;%1&quot; must be a JSON object such as {&quot;min&quot;: 1}</source>
        <translation>die Constraints des Felds &quot;%1&quot; müssen ein JSON-Objekt sein, etwa {&quot;min&quot;: 1}</translation>
    </message>
    <message>
        <source>the fields must be a JSON object</source>
        <translation>die Felder müssen ein JSON-Objekt sein</translation>
    </message>
</context>
<context>
    <name>fabrica::MainWindow</name>
    <message>
        <source>Fabrica</source>
        <translation>Fabrica</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Fabrica</source>
        <translation>&amp;Über Fabrica</translation>
    </message>
    <message>
        <source>Open Schema</source>
        <translation>Schema öffnen</translation>
    </message>
    <message>
        <source>Fabrica schemas (*.fabrica.json);;All files (*)</source>
        <translation>Fabrica-Schemas (*.fabrica.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About Fabrica</source>
        <translation>Über Fabrica</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fabrica %1&lt;/h3&gt;&lt;p&gt;Realistic synthetic test data from database schemas.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Fabrica %1&lt;/h3&gt;&lt;p&gt;Realistische synthetische Testdaten aus Datenbankschemas.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>&amp;New Schema</source>
        <translation>&amp;Neues Schema</translation>
    </message>
    <message>
        <source>Create an empty schema</source>
        <translation>Ein leeres Schema anlegen</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a schema file</source>
        <translation>Eine Schemadatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the schema where it came from (storage or its file)</source>
        <translation>Das Schema dort speichern, woher es stammt (Datenspeicher oder seine Datei)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save the schema to a .fabrica.json file</source>
        <translation>Das Schema in eine .fabrica.json-Datei speichern</translation>
    </message>
    <message>
        <source>Save to S&amp;torage</source>
        <translation>Im &amp;Datenspeicher speichern</translation>
    </message>
    <message>
        <source>Keep a copy of the schema in Fabrica&apos;s storage</source>
        <translation>Eine Kopie des Schemas im Datenspeicher von Fabrica ablegen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Import SQL DDL, CSV samples, a ZIP or a schema file</source>
        <translation>SQL-DDL, CSV-Beispieldaten, eine ZIP-Datei oder eine Schemadatei importieren</translation>
    </message>
    <message>
        <source>&amp;Close Schema</source>
        <translation>Schema s&amp;chließen</translation>
    </message>
    <message>
        <source>Close the current schema</source>
        <translation>Das aktuelle Schema schließen</translation>
    </message>
    <message>
        <source>Quit Fabrica</source>
        <translation>Fabrica beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>Add &amp;Table</source>
        <translation>&amp;Tabelle hinzufügen</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Add a table to the schema</source>
        <translation>Dem Schema eine Tabelle hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;Column</source>
        <translation>S&amp;palte hinzufügen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>Add a column to the selected table</source>
        <translation>Der ausgewählten Tabelle eine Spalte hinzufügen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Duplicate the selected table or column</source>
        <translation>Die ausgewählte Tabelle oder Spalte duplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the selected table or column</source>
        <translation>Die ausgewählte Tabelle oder Spalte löschen</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>Rename the selected item in place</source>
        <translation>Das ausgewählte Element direkt umbenennen</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>Nach &amp;oben verschieben</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <source>Move the selected table or column up</source>
        <translation>Die ausgewählte Tabelle oder Spalte nach oben verschieben</translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation>Nach u&amp;nten verschieben</translation>
    </message>
    <message>
        <source>Alt+Down</source>
        <translation>Alt+Down</translation>
    </message>
    <message>
        <source>Move the selected table or column down</source>
        <translation>Die ausgewählte Tabelle oder Spalte nach unten verschieben</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Filter the schema tree by name</source>
        <translation>Den Schemabaum nach Namen filtern</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Check the schema now</source>
        <translation>Das Schema jetzt prüfen</translation>
    </message>
    <message>
        <source>&amp;Refresh Stored Schemas</source>
        <translation>Gespeicherte Schemas &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Read the list of stored schemas again</source>
        <translation>Die Liste der gespeicherten Schemas neu einlesen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>Beis&amp;piele</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Schema</source>
        <translation>&amp;Schema</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Schemas</source>
        <translation>Schemas</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Filter tables and columns…</source>
        <translation>Tabellen und Spalten filtern…</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;geöffnet&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to Fabrica&lt;/h2&gt;&lt;p&gt;Describe a database, then generate data that honours every constraint.&lt;/p&gt;&lt;p&gt;Create a schema, open a file or one of the examples, or drop SQL, CSV or ZIP files on this window to import them.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Willkommen bei Fabrica&lt;/h2&gt;&lt;p&gt;Beschreiben Sie eine Datenbank und erzeugen Sie dann Daten, die jeden Constraint einhalten.&lt;/p&gt;&lt;p&gt;Legen Sie ein Schema an, öffnen Sie eine Datei oder eines der Beispiele, oder ziehen Sie SQL-, CSV- oder ZIP-Dateien auf dieses Fenster, um sie zu importieren.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The schema &quot;%1&quot; has changes that are not saved.</source>
        <translation>Das Schema &quot;%1&quot; enthält Änderungen, die nicht gespeichert sind.</translation>
    </message>
    <message>
        <source>Do you want to save them?</source>
        <translation>Möchten Sie sie speichern?</translation>
    </message>
    <message>
        <source>storage</source>
        <translation>Datenspeicher</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>nicht gespeichert</translation>
    </message>
    <message>
        <source>%1[*] (%2) — Fabrica</source>
        <translation>%1[*] (%2) — Fabrica</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Keine Probleme</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <source>Save Schema As</source>
        <translation>Schema speichern unter</translation>
    </message>
    <message>
        <source>Fabrica schemas (*.fabrica.json)</source>
        <translation>Fabrica-Schemas (*.fabrica.json)</translation>
    </message>
    <message>
        <source>Cannot open the example</source>
        <translation>Das Beispiel kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Recover Unsaved Changes</source>
        <translation>Nicht gespeicherte Änderungen wiederherstellen</translation>
    </message>
    <message numerus="yes">
        <source>Fabrica was closed with unsaved changes in %n schema(s).</source>
        <translation>
            <numerusform>Fabrica wurde mit nicht gespeicherten Änderungen in %n Schema beendet.</numerusform>
            <numerusform>Fabrica wurde mit nicht gespeicherten Änderungen in %n Schemas beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Importable files (*.zip *.sql *.csv *.tsv *.fabrica.json);;ZIP archives (*.zip);;SQL DDL (*.sql);;CSV samples (*.csv *.tsv);;Fabrica schemas (*.fabrica.json);;All files (*)</source>
        <translation>Importierbare Dateien (*.zip *.sql *.csv *.tsv *.fabrica.json);;ZIP-Archive (*.zip);;SQL-DDL (*.sql);;CSV-Beispieldaten (*.csv *.tsv);;Fabrica-Schemas (*.fabrica.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Delete from Storage…</source>
        <translation>Aus dem Datenspeicher &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete Stored Schema</source>
        <translation>Gespeichertes Schema löschen</translation>
    </message>
    <message>
        <source>Delete the stored schema &quot;%1&quot; and all its generation runs? This cannot be undone.</source>
        <translation>Das gespeicherte Schema „%1“ und alle seine Generierungsläufe löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Extras</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <source>Column Statistics</source>
        <translation>Spaltenstatistik</translation>
    </message>
    <message>
        <source>&amp;Design</source>
        <translation>E&amp;ntwurf</translation>
    </message>
    <message>
        <source>Data &amp;Preview</source>
        <translation>Daten&amp;vorschau</translation>
    </message>
    <message>
        <source>Generation Running</source>
        <translation>Generierung läuft</translation>
    </message>
    <message>
        <source>A generation is still running. Cancel it and close? Nothing of it is kept.</source>
        <translation>Es läuft noch eine Generierung. Abbrechen und schließen? Von ihr bleibt nichts erhalten.</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Data Preview</source>
        <translation>Datenvorschau</translation>
    </message>
</context>
<context>
    <name>fabrica::MetricsRoutes</name>
    <message>
        <source>Only an administrator reads the metrics.</source>
        <translation>Nur ein Administrator kann die Metriken lesen.</translation>
    </message>
</context>
<context>
    <name>fabrica::Migrations</name>
    <message>
        <source>unexpected migration file %1</source>
        <translation>unerwartete Migrationsdatei %1</translation>
    </message>
    <message>
        <source>cannot read migration %1</source>
        <translation>die Migration %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>migration %1 breaks the numbering</source>
        <translation>die Migration %1 unterbricht die Nummerierung</translation>
    </message>
    <message>
        <source>cannot read the storage version</source>
        <translation>die Version des Datenspeichers kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>the storage is at version %1, newer than this Fabrica knows (%2); use a newer Fabrica</source>
        <translation>der Datenspeicher hat die Version %1, diese Fabrica-Version kennt aber nur Versionen bis %2; verwenden Sie eine neuere Fabrica-Version</translation>
    </message>
    <message>
        <source>migration %1 (%2) failed</source>
        <translation>die Migration %1 (%2) ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot record migration %1</source>
        <translation>die Migration %1 kann nicht eingetragen werden</translation>
    </message>
    <message>
        <source>migration %1 (%2) left a row of %3 without the row it refers to</source>
        <translation>Migration %1 (%2) hat eine Zeile von %3 ohne die Zeile hinterlassen, auf die sie verweist</translation>
    </message>
</context>
<context>
    <name>fabrica::MoveColumnCommand</name>
    <message>
        <source>Move column %1.%2</source>
        <translation>Spalte %1.%2 verschieben</translation>
    </message>
</context>
<context>
    <name>fabrica::MoveTableCommand</name>
    <message>
        <source>Move table %1</source>
        <translation>Tabelle %1 verschieben</translation>
    </message>
</context>
<context>
    <name>fabrica::MultipartForm</name>
    <message>
        <source>A multipart/form-data body needs a boundary of 1 to 70 characters in its Content-Type.</source>
        <translation>Ein multipart/form-data-Anfragetext benötigt in seinem Content-Type eine Boundary von 1 bis 70 Zeichen.</translation>
    </message>
    <message>
        <source>The multipart body does not contain its boundary.</source>
        <translation>Der Multipart-Anfragetext enthält seine Boundary nicht.</translation>
    </message>
    <message>
        <source>The multipart body has a malformed boundary line.</source>
        <translation>Der Multipart-Anfragetext hat eine fehlerhafte Boundary-Zeile.</translation>
    </message>
    <message>
        <source>A part of the multipart body has no end of its headers, or headers over %1 KiB.</source>
        <translation>Bei einem Teil des Multipart-Anfragetexts enden die Header nicht oder sind größer als %1 KiB.</translation>
    </message>
    <message>
        <source>A part of the multipart body has a malformed header.</source>
        <translation>Ein Teil des Multipart-Anfragetexts hat einen fehlerhaften Header.</translation>
    </message>
    <message>
        <source>Every part of a multipart/form-data body needs &quot;Content-Disposition: form-data&quot;.</source>
        <translation>Jeder Teil eines multipart/form-data-Anfragetexts benötigt &quot;Content-Disposition: form-data&quot;.</translation>
    </message>
    <message>
        <source>The multipart body ends before its closing boundary.</source>
        <translation>Der Multipart-Anfragetext endet vor seiner schließenden Boundary.</translation>
    </message>
    <message>
        <source>The multipart body has more than %1 parts.</source>
        <translation>Der Multipart-Anfragetext hat mehr als %1 Teile.</translation>
    </message>
</context>
<context>
    <name>fabrica::MysqlTargetSink</name>
    <message>
        <source>cannot list the tables of the target database</source>
        <translation>die Tabellen der Zieldatenbank können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>cannot read the columns of table %1</source>
        <translation>die Spalten der Tabelle %1 können nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot add the keys of table %1: %2</source>
        <translation>die Schlüssel der Tabelle %1 können nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot check the keys of table %1</source>
        <translation>die Schlüssel der Tabelle %1 können nicht geprüft werden</translation>
    </message>
    <message>
        <source>cannot add the keys of table %1: %2 holds %3, which %4 does not have</source>
        <translation>die Schlüssel der Tabelle %1 können nicht angelegt werden: %2 enthält %3, das es in %4 nicht gibt</translation>
    </message>
</context>
<context>
    <name>fabrica::NamedTypes</name>
    <message>
        <source>the name suggests %1, whose values need %2 characters</source>
        <translation>der Name legt den Typ %1 nahe, dessen Werte %2 Zeichen benötigen</translation>
    </message>
    <message>
        <source>the name suggests a title, which needs %1 characters</source>
        <translation>der Name legt einen Titel nahe, der %1 Zeichen benötigt</translation>
    </message>
    <message>
        <source>a title-like text of two words</source>
        <translation>ein titelartiger Text aus zwei Wörtern</translation>
    </message>
    <message>
        <source>a one-word name</source>
        <translation>ein Name aus einem Wort</translation>
    </message>
    <message>
        <source>the name suggests %1, which needs %2 characters</source>
        <translation>dem Namen nach ist das %1, wofür %2 Zeichen nötig sind</translation>
    </message>
    <message>
        <source>%1: %2 hex digits</source>
        <translation>%1: %2 Hexadezimalziffern</translation>
    </message>
    <message>
        <source>language names</source>
        <translation>Sprachnamen</translation>
    </message>
    <message>
        <source>the name suggests username, which needs %1 characters</source>
        <translation>der Name legt den Typ username nahe, der %1 Zeichen benötigt</translation>
    </message>
    <message>
        <source>a second address line, NULL in 80 %</source>
        <translation>eine zweite Adresszeile, NULL in 80 %</translation>
    </message>
    <message>
        <source>argon2id hashes</source>
        <translation>argon2id-Hashes</translation>
    </message>
    <message>
        <source>bcrypt hashes</source>
        <translation>bcrypt-Hashes</translation>
    </message>
    <message>
        <source>a password hash</source>
        <translation>ein Passwort-Hash</translation>
    </message>
    <message>
        <source>a token</source>
        <translation>ein Token</translation>
    </message>
    <message>
        <source>the name suggests a token, which needs %1 characters</source>
        <translation>der Name legt ein Token nahe, das %1 Zeichen benötigt</translation>
    </message>
    <message>
        <source>%1 hex digits</source>
        <translation>%1 Hexadezimalziffern</translation>
    </message>
    <message>
        <source>a stock keeping unit like ABC-01234</source>
        <translation>eine Artikelnummer (SKU) wie ABC-01234</translation>
    </message>
    <message>
        <source>a version number like 2.14.3</source>
        <translation>eine Versionsnummer wie 2.14.3</translation>
    </message>
    <message>
        <source>ISO 639-1 language codes</source>
        <translation>Sprachcodes nach ISO 639-1</translation>
    </message>
</context>
<context>
    <name>fabrica::NdjsonSink</name>
    <message>
        <source>an NDJSON file holds one table, and the schema has %1; write to a directory instead</source>
        <translation>eine NDJSON-Datei enthält genau eine Tabelle, das Schema hat aber %1; schreiben Sie stattdessen in ein Verzeichnis</translation>
    </message>
</context>
<context>
    <name>fabrica::NewAccountDialog</name>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
</context>
<context>
    <name>fabrica::NewUserDialog</name>
    <message>
        <source>Create User</source>
        <translation>Benutzer anlegen</translation>
    </message>
    <message>
        <source>New User</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Creating the user…</source>
        <translation>Benutzer wird angelegt…</translation>
    </message>
</context>
<context>
    <name>fabrica::NumberListField</name>
    <message>
        <source>comma-separated numbers, e.g. 70, 15, 10</source>
        <translation>durch Kommas getrennte Zahlen, z. B. 70, 15, 10</translation>
    </message>
</context>
<context>
    <name>fabrica::OpenApiRoutes</name>
    <message>
        <source>the OpenAPI document is missing from this build</source>
        <translation>das OpenAPI-Dokument fehlt in diesem Build</translation>
    </message>
</context>
<context>
    <name>fabrica::PasswordHasher</name>
    <message>
        <source>the password is too long</source>
        <translation>das Passwort ist zu lang</translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation>der Zufallszahlengenerator des Systems ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot hash the password: %1</source>
        <translation>der Hash des Passworts kann nicht berechnet werden: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::PasswordPolicy</name>
    <message>
        <source>the password must have at least %1 characters</source>
        <translation>das Passwort muss mindestens %1 Zeichen lang sein</translation>
    </message>
    <message>
        <source>the password must have at most %1 characters</source>
        <translation>das Passwort darf höchstens %1 Zeichen lang sein</translation>
    </message>
    <message>
        <source>the password must not be the same as the user name</source>
        <translation>das Passwort darf nicht mit dem Benutzernamen übereinstimmen</translation>
    </message>
    <message>
        <source>this password is too common; choose another</source>
        <translation>dieses Passwort ist zu weit verbreitet; wählen Sie ein anderes</translation>
    </message>
</context>
<context>
    <name>fabrica::Pattern</name>
    <message>
        <source>patterns may be at most %1 characters long</source>
        <translation>Muster dürfen höchstens %1 Zeichen lang sein</translation>
    </message>
    <message>
        <source>unbalanced parenthesis: this &apos;)&apos; has no &apos;(&apos;</source>
        <translation>unpaarige Klammer: zu dieser &apos;)&apos; gibt es keine &apos;(&apos;</translation>
    </message>
    <message>
        <source>pattern, character %1: %2</source>
        <translation>pattern, Zeichen %1: %2</translation>
    </message>
    <message>
        <source>^ is only supported at the start of the pattern</source>
        <translation>^ wird nur am Anfang des Musters unterstützt</translation>
    </message>
    <message>
        <source>$ is only supported at the end of the pattern</source>
        <translation>$ wird nur am Ende des Musters unterstützt</translation>
    </message>
    <message>
        <source>values of this pattern can be %1 characters long; the limit is %2</source>
        <translation>Werte dieses Musters können %1 Zeichen lang werden; die Grenze liegt bei %2</translation>
    </message>
    <message>
        <source>quantifier %1 has nothing to repeat</source>
        <translation>vor dem Quantor %1 steht nichts, was wiederholt werden kann</translation>
    </message>
    <message>
        <source>groups are nested more than %1 deep</source>
        <translation>Gruppen sind tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>unbalanced parenthesis: this &apos;(&apos; is never closed</source>
        <translation>unpaarige Klammer: diese &apos;(&apos; wird nie geschlossen</translation>
    </message>
    <message>
        <source>lookahead %1 is not supported; Fabrica generates values, it cannot test them</source>
        <translation>Lookahead %1 wird nicht unterstützt; Fabrica erzeugt Werte und kann sie nicht prüfen</translation>
    </message>
    <message>
        <source>lookbehind %1 is not supported; Fabrica generates values, it cannot test them</source>
        <translation>Lookbehind %1 wird nicht unterstützt; Fabrica erzeugt Werte und kann sie nicht prüfen</translation>
    </message>
    <message>
        <source>named group %1 is not supported; write a plain group (…) or (?:…)</source>
        <translation>benannte Gruppe %1 wird nicht unterstützt; schreiben Sie eine einfache Gruppe (…) oder (?:…)</translation>
    </message>
    <message>
        <source>backreference %1 is not supported; write the group out again instead</source>
        <translation>Rückverweis %1 wird nicht unterstützt; schreiben Sie die Gruppe stattdessen noch einmal aus</translation>
    </message>
    <message>
        <source>atomic group (?&gt;…) is not supported; write (?:…)</source>
        <translation>atomare Gruppe (?&gt;…) wird nicht unterstützt; schreiben Sie (?:…)</translation>
    </message>
    <message>
        <source>inline option %1 is not supported; spell the variants out, as in [Aa]</source>
        <translation>Inline-Option %1 wird nicht unterstützt; schreiben Sie die Varianten aus, wie in [Aa]</translation>
    </message>
    <message>
        <source>group %1 is not supported; write (…) or (?:…)</source>
        <translation>Gruppe %1 wird nicht unterstützt; schreiben Sie (…) oder (?:…)</translation>
    </message>
    <message>
        <source>repetition count %1 is above the limit of %2</source>
        <translation>Wiederholungsanzahl %1 liegt über der Grenze von %2</translation>
    </message>
    <message>
        <source>repetition %1 needs a minimum; write %2</source>
        <translation>Wiederholung %1 benötigt ein Minimum; schreiben Sie %2</translation>
    </message>
    <message>
        <source>repetition %1 has a minimum greater than its maximum</source>
        <translation>bei der Wiederholung %1 ist das Minimum größer als das Maximum</translation>
    </message>
    <message>
        <source>possessive quantifier %1 is not supported; drop the last &apos;+&apos;</source>
        <translation>possessiver Quantor %1 wird nicht unterstützt; entfernen Sie das letzte &apos;+&apos;</translation>
    </message>
    <message>
        <source>quantifier %1 follows another quantifier; put the repeated part in a group, as in (a{2}){3}</source>
        <translation>Quantor %1 folgt auf einen anderen Quantor; fassen Sie den wiederholten Teil in einer Gruppe zusammen, wie in (a{2}){3}</translation>
    </message>
    <message>
        <source>POSIX class %1 only works inside a class; write [%1]</source>
        <translation>POSIX-Klasse %1 funktioniert nur innerhalb einer Zeichenklasse; schreiben Sie [%1]</translation>
    </message>
    <message>
        <source>empty class %1 matches nothing; write \] for a literal &apos;]&apos;</source>
        <translation>leere Zeichenklasse %1 passt auf nichts; schreiben Sie \] für eine &apos;]&apos; als Text</translation>
    </message>
    <message>
        <source>unbalanced bracket: this &apos;[&apos; is never closed; write \[ for a literal &apos;[&apos;</source>
        <translation>unpaarige eckige Klammer: diese &apos;[&apos; wird nie geschlossen; schreiben Sie \[ für eine &apos;[&apos; als Text</translation>
    </message>
    <message>
        <source>%1 cannot bound a range; write \- for a literal &apos;-&apos;</source>
        <translation>%1 kann keinen Bereich begrenzen; schreiben Sie \- für ein &apos;-&apos; als Text</translation>
    </message>
    <message>
        <source>range %1-%2 is out of order; write %2-%1</source>
        <translation>Bereich %1-%2 ist in falscher Reihenfolge; schreiben Sie %2-%1</translation>
    </message>
    <message>
        <source>class %1 leaves no printable character to generate</source>
        <translation>Zeichenklasse %1 lässt kein druckbares Zeichen übrig, das erzeugt werden könnte</translation>
    </message>
    <message>
        <source>POSIX class %1 is not supported; use one of alpha, digit, alnum, upper, lower, xdigit, word, space, blank, punct, print, graph</source>
        <translation>POSIX-Klasse %1 wird nicht unterstützt; verwenden Sie eine der Klassen alpha, digit, alnum, upper, lower, xdigit, word, space, blank, punct, print, graph</translation>
    </message>
    <message>
        <source>a &apos;\&apos; at the end of the pattern escapes nothing</source>
        <translation>ein &apos;\&apos; am Ende des Musters maskiert nichts</translation>
    </message>
    <message>
        <source>%1 needs two hexadecimal digits, as in \x41, or braces, as in \x{20AC}</source>
        <translation>%1 benötigt zwei Hexadezimalziffern wie in \x41 oder geschweifte Klammern wie in \x{20AC}</translation>
    </message>
    <message>
        <source>%1 needs four hexadecimal digits, as in \u00E9</source>
        <translation>%1 benötigt vier Hexadezimalziffern wie in \u00E9</translation>
    </message>
    <message>
        <source>octal escape %1 is not supported; write \x{…}</source>
        <translation>oktale Escape-Sequenz %1 wird nicht unterstützt; schreiben Sie \x{…}</translation>
    </message>
    <message>
        <source>word boundary %1 is not supported; Fabrica generates values, it cannot test them</source>
        <translation>Wortgrenze %1 wird nicht unterstützt; Fabrica erzeugt Werte und kann sie nicht prüfen</translation>
    </message>
    <message>
        <source>anchor %1 is not supported; use ^ at the start or $ at the end</source>
        <translation>Anker %1 wird nicht unterstützt; verwenden Sie ^ am Anfang oder $ am Ende</translation>
    </message>
    <message>
        <source>unicode property %1 is not supported; write a range instead, as in [A-Za-zÀ-ÿ]</source>
        <translation>Unicode-Eigenschaft %1 wird nicht unterstützt; schreiben Sie stattdessen einen Bereich, wie in [A-Za-zÀ-ÿ]</translation>
    </message>
    <message>
        <source>escape %1 is not supported</source>
        <translation>Escape-Sequenz %1 wird nicht unterstützt</translation>
    </message>
    <message>
        <source>%1 is not a Unicode character</source>
        <translation>%1 ist kein Unicode-Zeichen</translation>
    </message>
</context>
<context>
    <name>fabrica::Plan</name>
    <message>
        <source>no IBAN format for country &quot;%1&quot;; supported: %2</source>
        <translation>kein IBAN-Format für das Land &quot;%1&quot;; unterstützt: %2</translation>
    </message>
    <message>
        <source>unknown card brand</source>
        <translation>unbekannte Kartenmarke</translation>
    </message>
    <message>
        <source>cidr &quot;%1&quot; is not an IPv4 network such as 10.0.0.0/8</source>
        <translation>cidr &quot;%1&quot; ist kein IPv4-Netz wie 10.0.0.0/8</translation>
    </message>
    <message>
        <source>scale %1 is more than the 18 digits Fabrica generates</source>
        <translation>scale %1 ist mehr als die 18 Stellen, die Fabrica erzeugt</translation>
    </message>
    <message>
        <source>the range %1..%2 with scale %3 does not fit in 64-bit fixed-point numbers</source>
        <translation>der Bereich %1..%2 mit scale %3 passt nicht in 64-Bit-Festkommazahlen</translation>
    </message>
    <message>
        <source>values is empty</source>
        <translation>values ist leer</translation>
    </message>
    <message>
        <source>unique phone numbers are not generated yet</source>
        <translation>eindeutige Telefonnummern werden noch nicht erzeugt</translation>
    </message>
    <message>
        <source>the schema has no table &quot;%1&quot; to set the row count of</source>
        <translation>das Schema enthält keine Tabelle &quot;%1&quot;, deren Zeilenzahl gesetzt werden könnte</translation>
    </message>
    <message>
        <source>the row count of table &quot;%1&quot; must be 0 or more</source>
        <translation>die Zeilenzahl der Tabelle &quot;%1&quot; muss 0 oder größer sein</translation>
    </message>
    <message>
        <source>the column is unique, but type %1 with these constraints has only %2 distinct values for %3 rows; widen its range or generate fewer rows</source>
        <translation>die Spalte ist eindeutig, aber Typ %1 hat mit diesen Constraints nur %2 verschiedene Werte für %3 Zeilen; erweitern Sie den Wertebereich oder erzeugen Sie weniger Zeilen</translation>
    </message>
    <message>
        <source>type sample needs sample data: add &quot;samples&quot; to the column</source>
        <translation>der Typ sample benötigt Beispieldaten: fügen Sie der Spalte &quot;samples&quot; hinzu</translation>
    </message>
    <message>
        <source>the referenced column %1 cannot be computed from a row number; reference a sequence, uuid or unique column</source>
        <translation>die referenzierte Spalte %1 lässt sich nicht aus einer Zeilennummer berechnen; verweisen Sie auf eine Spalte vom Typ sequence oder uuid oder auf eine eindeutige Spalte</translation>
    </message>
    <message>
        <source>the foreign key is unique, so it needs a parent row per row: %1 has %2 rows, this table %3</source>
        <translation>der Fremdschlüssel ist eindeutig und benötigt daher für jede Zeile eine eigene übergeordnete Zeile: %1 hat %2 Zeilen, diese Tabelle %3</translation>
    </message>
    <message>
        <source>unknown time zone &quot;%1&quot;; use an IANA name such as Europe/Berlin</source>
        <translation>unbekannte Zeitzone &quot;%1&quot;; verwenden Sie einen IANA-Namen wie Europe/Berlin</translation>
    </message>
    <message>
        <source>milliseconds in the format work with timeZone UTC only</source>
        <translation>Millisekunden im Format funktionieren nur mit timeZone UTC</translation>
    </message>
    <message>
        <source>the alphabet is empty</source>
        <translation>das Alphabet ist leer</translation>
    </message>
    <message>
        <source>the pattern can produce the same value in two ways (e.g. &quot;a?a?&quot;), so Fabrica cannot make it unique; rewrite it so each value has one spelling</source>
        <translation>das Muster kann denselben Wert auf zwei Arten erzeugen (z. B. &quot;a?a?&quot;), daher kann Fabrica die Werte nicht eindeutig machen; formulieren Sie es so um, dass jeder Wert nur eine Schreibweise hat</translation>
    </message>
    <message>
        <source>only one foreign key of a table can set cardinality; %1 and %2 both do</source>
        <translation>nur ein Fremdschlüssel einer Tabelle darf cardinality setzen; %1 und %2 tun es beide</translation>
    </message>
    <message>
        <source>cardinality needs the parent table generated first; a self reference or a cycle cannot count children</source>
        <translation>cardinality braucht die übergeordnete Tabelle zuerst erzeugt; bei einem Selbstverweis oder einem Zyklus lassen sich keine Kindzeilen zählen</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; of the JSON object needs a data type other than foreign_key</source>
        <translation>das Feld &quot;%1&quot; des JSON-Objekts braucht einen anderen Datentyp als foreign_key</translation>
    </message>
    <message>
        <source>the range %1..%2 does not fit numeric(%3,%4), which holds at most %5 digits before the point; raise precision or narrow the range</source>
        <translation>der Bereich %1..%2 passt nicht in numeric(%3,%4), das höchstens %5 Stellen vor dem Komma fasst; erhöhen Sie precision oder verkleinern Sie den Bereich</translation>
    </message>
    <message>
        <source>maxLength %1 is too short for %2 unique user names; allow at least %3 characters</source>
        <translation>maxLength %1 ist zu kurz für %2 eindeutige Benutzernamen; erlauben Sie mindestens %3 Zeichen</translation>
    </message>
    <message>
        <source>references %1, which has NULLs (nullPercent); a referenced key needs a value in every row</source>
        <translation>verweist auf %1, das NULL-Werte hat (nullPercent); ein referenzierter Schlüssel braucht in jeder Zeile einen Wert</translation>
    </message>
    <message>
        <source>a unique template needs a placeholder of a unique, NOT NULL column of the same table, such as {id}</source>
        <translation>ein eindeutiges template braucht einen Platzhalter einer eindeutigen NOT-NULL-Spalte derselben Tabelle, etwa {id}</translation>
    </message>
    <message>
        <source>templates or relations in table &quot;%1&quot; refer to each other in a circle</source>
        <translation>templates oder Beziehungen in der Tabelle &quot;%1&quot; verweisen im Kreis aufeinander</translation>
    </message>
    <message>
        <source>the formula nests too deeply; split it into columns</source>
        <translation>die Formel ist zu tief verschachtelt; teilen Sie sie auf mehrere Spalten auf</translation>
    </message>
    <message>
        <source>the primary key (%1) of table &quot;%2&quot;</source>
        <translation>der Primärschlüssel (%1) der Tabelle &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the unique key &quot;%1&quot; (%2) of table &quot;%3&quot;</source>
        <translation>der eindeutige Schlüssel &quot;%1&quot; (%2) der Tabelle &quot;%3&quot;</translation>
    </message>
    <message>
        <source>%1 shares all its columns with other keys of the table, so Fabrica cannot make its combinations unique as well; mark one of its columns unique or drop the key</source>
        <translation>%1 teilt alle seine Spalten mit anderen Schlüsseln der Tabelle, daher kann Fabrica nicht auch seine Kombinationen eindeutig machen; markieren Sie eine seiner Spalten als eindeutig oder entfernen Sie den Schlüssel</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: a parent of %2 gets up to %3 children (cardinality), but the other columns have only %4 distinct combinations (%5); lower the cardinality or widen a column&apos;s range</source>
        <translation>%1: eine übergeordnete Zeile von %2 erhält bis zu %3 Kindzeilen (cardinality), aber die anderen Spalten haben nur %4 verschiedene Kombinationen (%5); verringern Sie cardinality oder erweitern Sie den Wertebereich einer Spalte</translation>
    </message>
    <message>
        <source>%1 has only %2 distinct combinations (%3) for %4 rows; widen a column&apos;s range, add values or parent rows, or generate fewer rows</source>
        <translation>%1 hat nur %2 verschiedene Kombinationen (%3) für %4 Zeilen; erweitern Sie den Wertebereich einer Spalte, fügen Sie Werte oder übergeordnete Zeilen hinzu oder erzeugen Sie weniger Zeilen</translation>
    </message>
    <message>
        <source>a unique sample column cannot blend new values in: set &quot;blend&quot; to 0 or drop &quot;unique&quot;</source>
        <translation>eine eindeutige sample-Spalte kann keine neuen Werte untermischen: setzen Sie &quot;blend&quot; auf 0 oder entfernen Sie &quot;unique&quot;</translation>
    </message>
</context>
<context>
    <name>fabrica::PostgresBackup</name>
    <message>
        <source>cannot read the database name</source>
        <translation>der Datenbankname kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1 is not installed: it backs up and restores PostgreSQL storage (Debian: the package postgresql-client)</source>
        <translation>%1 ist nicht installiert: es sichert und stellt PostgreSQL-Datenspeicher wieder her (Debian: das Paket postgresql-client)</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>it crashed</source>
        <translation>es ist abgestürzt</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>cannot export a snapshot for pg_dump</source>
        <translation>für pg_dump kann kein Snapshot exportiert werden</translation>
    </message>
    <message>
        <source>%1 holds no Fabrica storage (no schema_version table)</source>
        <translation>%1 enthält keinen Fabrica-Datenspeicher (keine Tabelle schema_version)</translation>
    </message>
    <message>
        <source>%1 is a pg_dump archive but holds no Fabrica storage (no schema_version table)</source>
        <translation>%1 ist ein pg_dump-Archiv, enthält aber keinen Fabrica-Datenspeicher (keine Tabelle schema_version)</translation>
    </message>
    <message>
        <source>the PostgreSQL migrations are missing</source>
        <translation>die PostgreSQL-Migrationen fehlen</translation>
    </message>
</context>
<context>
    <name>fabrica::PostgresCopy</name>
    <message>
        <source>COPY needs an open PostgreSQL (QPSQL) connection</source>
        <translation>COPY benötigt eine offene PostgreSQL-Verbindung (QPSQL)</translation>
    </message>
    <message>
        <source>the connection to the PostgreSQL server is closed</source>
        <translation>die Verbindung zum PostgreSQL-Server ist geschlossen</translation>
    </message>
    <message>
        <source>not a COPY … FROM STDIN statement</source>
        <translation>keine COPY … FROM STDIN-Anweisung</translation>
    </message>
    <message>
        <source>the server refused the COPY: %1</source>
        <translation>der Server hat das COPY abgelehnt: %1</translation>
    </message>
    <message>
        <source>no COPY is running</source>
        <translation>es läuft kein COPY</translation>
    </message>
    <message>
        <source>cannot send the data to the server: %1</source>
        <translation>die Daten können nicht an den Server gesendet werden: %1</translation>
    </message>
    <message>
        <source>cannot end the COPY: %1</source>
        <translation>das COPY kann nicht beendet werden: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::PostgresRepository</name>
    <message>
        <source>cannot start the session</source>
        <translation>die Sitzung kann nicht gestartet werden</translation>
    </message>
</context>
<context>
    <name>fabrica::PostgresTargetSink</name>
    <message>
        <source>cannot look for the schema</source>
        <translation>es kann nicht geprüft werden, ob das Schema existiert</translation>
    </message>
    <message>
        <source>cannot list the tables of the target schema</source>
        <translation>die Tabellen des Zielschemas können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>cannot add the keys of table %1: %2</source>
        <translation>die Schlüssel der Tabelle %1 können nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot load table %1: %2</source>
        <translation>die Tabelle %1 kann nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>table %1 received %2 rows instead of %3</source>
        <translation>die Tabelle %1 hat %2 statt %3 Zeilen erhalten</translation>
    </message>
    <message>
        <source>cannot read the columns of table %1</source>
        <translation>die Spalten der Tabelle %1 können nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot read the foreign keys of the target schema</source>
        <translation>die Fremdschlüssel des Zielschemas können nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1 on %2 → %3</source>
        <translation>%1 auf %2 → %3</translation>
    </message>
    <message>
        <source>the target&apos;s foreign keys %1 form a cycle with the load order and are not DEFERRABLE, so the first rows would break them; nothing was written. Make them DEFERRABLE, or load with --disable-triggers (the tables&apos; owner or a superuser; the keys are not checked for this load)</source>
        <translation>die Fremdschlüssel %1 des Ziels bilden mit der Ladereihenfolge einen Zyklus und sind nicht DEFERRABLE, daher würden die ersten Zeilen sie verletzen; es wurde nichts geschrieben. Machen Sie sie DEFERRABLE oder laden Sie mit --disable-triggers (als Eigentümer der Tabellen oder Superuser; die Schlüssel werden bei diesem Laden nicht geprüft)</translation>
    </message>
    <message>
        <source>cannot disable the triggers of table &quot;%1&quot; (--disable-triggers needs its owner or a superuser): %2</source>
        <translation>die Trigger der Tabelle &quot;%1&quot; können nicht abgeschaltet werden (--disable-triggers erfordert ihren Eigentümer oder einen Superuser): %2</translation>
    </message>
    <message>
        <source>cannot advance the sequence of %1.%2</source>
        <translation>die Sequenz von %1.%2 kann nicht weitergesetzt werden</translation>
    </message>
</context>
<context>
    <name>fabrica::PreviewModel</name>
    <message>
        <source>%1 (%2)</source>
        <extracomment>Tooltip of a column in the data preview: column name and its data type.</extracomment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>fabrica::PreviewPanel</name>
    <message>
        <source>The same seed gives the same data, here and in every export.</source>
        <translation>Derselbe Startwert liefert dieselben Daten, hier und in jedem Export.</translation>
    </message>
    <message>
        <source>Ta&amp;ble:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <source>Go to row:</source>
        <translation>Gehe zu Zeile:</translation>
    </message>
    <message>
        <source>No schema to preview.</source>
        <translation>Kein Schema für die Vorschau.</translation>
    </message>
    <message>
        <source>The schema has no tables to preview.</source>
        <translation>Das Schema hat keine Tabellen für die Vorschau.</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Keine Vorschau: %1</translation>
    </message>
    <message>
        <source>No preview: %1: %2</source>
        <translation>Keine Vorschau: %1: %2</translation>
    </message>
    <message>
        <source>%1: %2 rows, %3 columns, seed %4</source>
        <translation>%1: %2 Zeilen, %3 Spalten, Startwert %4</translation>
    </message>
    <message>
        <source>(rows %1 to %2 in view; Go to row reaches the others)</source>
        <extracomment>%1 and %2 are row numbers: the part of a very big table the view scrolls through now.</extracomment>
        <translation>(Zeilen %1 bis %2 sichtbar; „Gehe zu Zeile“ erreicht die übrigen)</translation>
    </message>
</context>
<context>
    <name>fabrica::ProblemsModel</name>
    <message>
        <source>schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>fabrica::RecentFiles</name>
    <message>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
</context>
<context>
    <name>fabrica::ReferenceField</name>
    <message>
        <source>table.column</source>
        <translation>table.column</translation>
    </message>
</context>
<context>
    <name>fabrica::RelationChecker</name>
    <message>
        <source>a column can have one relation, but %1 has %2; keep one of them</source>
        <translation>eine Spalte kann nur eine Beziehung haben, %1 hat aber %2; behalten Sie eine davon</translation>
    </message>
    <message>
        <source>%1 cannot be %2: its values follow other columns of the row, so they cannot be guaranteed unique; remove &quot;%3&quot; or the key</source>
        <translation>%1 kann nicht %2 sein: Die Werte folgen aus anderen Spalten der Zeile, daher lässt sich ihre Eindeutigkeit nicht garantieren; entfernen Sie &quot;%3&quot; oder den Schlüssel</translation>
    </message>
    <message>
        <source>a primary key</source>
        <translation>ein Primärschlüssel</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <source>%1 is a foreign key, whose values come from the parent table; a foreign key cannot also have &quot;%2&quot;</source>
        <translation>%1 ist ein Fremdschlüssel, dessen Werte aus der übergeordneten Tabelle stammen; ein Fremdschlüssel kann nicht zusätzlich &quot;%2&quot; haben</translation>
    </message>
    <message>
        <source>%1 is referenced by %2.%3, but a referenced key cannot have &quot;%4&quot;</source>
        <translation>%1 wird von %2.%3 referenziert, aber ein referenzierter Schlüssel kann kein &quot;%4&quot; haben</translation>
    </message>
    <message>
        <source>&quot;after&quot; works on date, time, timestamp, timestamptz, integer, smallint, bigint, decimal and amount columns, not on type %1</source>
        <translation>&quot;after&quot; funktioniert bei Spalten vom Typ date, time, timestamp, timestamptz, integer, smallint, bigint, decimal und amount, nicht bei Typ %1</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; in &quot;after&quot; (accepted: %2)</source>
        <translation>unbekannter Schlüssel &quot;%1&quot; in &quot;after&quot; (zulässig: %2)</translation>
    </message>
    <message>
        <source>&quot;after&quot; needs &quot;column&quot;: the column this one follows</source>
        <translation>&quot;after&quot; benötigt &quot;column&quot;: die Spalte, auf die diese folgt</translation>
    </message>
    <message>
        <source>&quot;after&quot; names the column itself; name the column this one follows</source>
        <translation>&quot;after&quot; nennt die Spalte selbst; geben Sie die Spalte an, auf die diese folgt</translation>
    </message>
    <message>
        <source>%1 (time) can only follow a time column; %2 is %3</source>
        <translation>%1 (time) kann nur auf eine time-Spalte folgen; %2 ist %3</translation>
    </message>
    <message>
        <source>%1 (%4) can only follow a date, timestamp or timestamptz column; %2 is %3</source>
        <translation>%1 (%4) kann nur auf eine Spalte vom Typ date, timestamp oder timestamptz folgen; %2 ist %3</translation>
    </message>
    <message>
        <source>%1 (%4) can only follow a number column (integer, smallint, bigint, decimal, amount, sequence); %2 is %3</source>
        <translation>%1 (%4) kann nur auf eine Zahlenspalte folgen (integer, smallint, bigint, decimal, amount, sequence); %2 ist %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; of &quot;after&quot; must be a number, found %2</source>
        <translation>&quot;%1&quot; von &quot;after&quot; muss eine Zahl sein, gefunden: %2</translation>
    </message>
    <message>
        <source>the gap&apos;s min (%1) is greater than its max (%2)</source>
        <translation>das min des Abstands (%1) ist größer als sein max (%2)</translation>
    </message>
    <message>
        <source>&quot;unit&quot; applies to date and time columns; the gap of a number column is in the column&apos;s own units, so remove &quot;unit&quot;</source>
        <translation>&quot;unit&quot; gilt für Datums- und Zeitspalten; der Abstand einer Zahlenspalte wird in den Einheiten der Spalte selbst angegeben, entfernen Sie daher &quot;unit&quot;</translation>
    </message>
    <message>
        <source>unknown unit %1 in &quot;after&quot; (units: %2)</source>
        <translation>unbekannte Einheit %1 in &quot;after&quot; (Einheiten: %2)</translation>
    </message>
    <message>
        <source>a time column&apos;s gap is at most a day: use seconds, minutes or hours</source>
        <translation>der Abstand einer time-Spalte beträgt höchstens einen Tag: verwenden Sie seconds, minutes oder hours</translation>
    </message>
    <message>
        <source>&quot;distribution&quot; of &quot;after&quot; needs &quot;name&quot;: one of %1</source>
        <translation>&quot;distribution&quot; von &quot;after&quot; benötigt &quot;name&quot; mit einem der Werte %1</translation>
    </message>
    <message>
        <source>&quot;formula&quot; computes integer, smallint, bigint, decimal and amount columns, not type %1</source>
        <translation>&quot;formula&quot; berechnet Spalten vom Typ integer, smallint, bigint, decimal und amount, nicht vom Typ %1</translation>
    </message>
    <message>
        <source>formula: %1</source>
        <translation>formula: %1</translation>
    </message>
    <message>
        <source>formula: unknown column &quot;%1&quot; at position %2</source>
        <translation>formula: unbekannte Spalte &quot;%1&quot; an Position %2</translation>
    </message>
    <message>
        <source>formula: unknown column &quot;%1&quot; at position %2; did you mean &quot;%3&quot;?</source>
        <translation>formula: unbekannte Spalte &quot;%1&quot; an Position %2; meinten Sie &quot;%3&quot;?</translation>
    </message>
    <message>
        <source>formula: the column reads itself at position %1</source>
        <translation>formula: die Spalte verweist an Position %1 auf sich selbst</translation>
    </message>
    <message>
        <source>formula: column &quot;%1&quot; at position %2 is %3; a formula reads integer, smallint, bigint, decimal, amount and sequence columns</source>
        <translation>formula: die Spalte &quot;%1&quot; an Position %2 ist %3; eine Formel liest Spalten vom Typ integer, smallint, bigint, decimal, amount und sequence</translation>
    </message>
    <message>
        <source>&quot;weightsBy&quot; works on enum columns, not on type %1</source>
        <translation>&quot;weightsBy&quot; funktioniert bei enum-Spalten, nicht bei Typ %1</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; in &quot;weightsBy&quot; (accepted: column, weights)</source>
        <translation>unbekannter Schlüssel &quot;%1&quot; in &quot;weightsBy&quot; (zulässig: column, weights)</translation>
    </message>
    <message>
        <source>&quot;weightsBy&quot; needs &quot;column&quot;: the column whose value picks the weights</source>
        <translation>&quot;weightsBy&quot; benötigt &quot;column&quot;: die Spalte, deren Wert die Gewichte auswählt</translation>
    </message>
    <message>
        <source>&quot;weightsBy&quot; names the column itself; name another column of the row</source>
        <translation>&quot;weightsBy&quot; nennt die Spalte selbst; geben Sie eine andere Spalte der Zeile an</translation>
    </message>
    <message>
        <source>&quot;weightsBy&quot; needs &quot;weights&quot;: an object from a value of %1 to a list of weights, e.g. {&quot;DE&quot;: [70, 20, 10]}</source>
        <translation>&quot;weightsBy&quot; benötigt &quot;weights&quot;: ein Objekt, das jedem Wert von %1 eine Liste von Gewichten zuordnet, z. B. {&quot;DE&quot;: [70, 20, 10]}</translation>
    </message>
    <message>
        <source>the weights for %1 = &quot;%2&quot; must be a list of numbers ≥ 0</source>
        <translation>die Gewichte für %1 = &quot;%2&quot; müssen eine Liste von Zahlen ≥ 0 sein</translation>
    </message>
    <message>
        <source>the weights for %1 = &quot;%2&quot; list %3 numbers, but the column has %4 values; give one weight per value</source>
        <translation>die Gewichte für %1 = &quot;%2&quot; enthalten %3 Zahlen, die Spalte hat aber %4 Werte; geben Sie ein Gewicht pro Wert an</translation>
    </message>
    <message>
        <source>the weights for %1 = &quot;%2&quot; are all 0; at least one must be more</source>
        <translation>die Gewichte für %1 = &quot;%2&quot; sind alle 0; mindestens eines muss größer sein</translation>
    </message>
    <message>
        <source>columns depend on each other in a cycle (%1) through relations or templates; remove one of the dependencies</source>
        <translation>die Spalten hängen über Beziehungen oder templates zyklisch voneinander ab (%1); entfernen Sie eine der Abhängigkeiten</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names column &quot;%2&quot;, which table %3 does not have</source>
        <translation>&quot;%1&quot; nennt die Spalte &quot;%2&quot;, die es in der Tabelle %3 nicht gibt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names column &quot;%2&quot;, which table %3 does not have; did you mean &quot;%4&quot;?</source>
        <translation>&quot;%1&quot; nennt die Spalte &quot;%2&quot;, die es in der Tabelle %3 nicht gibt; meinten Sie &quot;%4&quot;?</translation>
    </message>
    <message>
        <source>part of a unique key</source>
        <translation>Teil eines eindeutigen Schlüssels</translation>
    </message>
</context>
<context>
    <name>fabrica::RelationGuesser</name>
    <message>
        <source>after %1 by %2..%3%4 (from the names; change or remove &quot;after&quot; if the order does not hold)</source>
        <translation>nach %1 um %2..%3%4 (aus den Namen; ändern oder entfernen Sie &quot;after&quot;, falls die Reihenfolge nicht zutrifft)</translation>
    </message>
</context>
<context>
    <name>fabrica::RemoveColumnCommand</name>
    <message>
        <source>Delete column %1.%2</source>
        <translation>Spalte %1.%2 löschen</translation>
    </message>
</context>
<context>
    <name>fabrica::RemoveTableCommand</name>
    <message>
        <source>Delete table %1</source>
        <translation>Tabelle %1 löschen</translation>
    </message>
</context>
<context>
    <name>fabrica::RenameColumnCommand</name>
    <message>
        <source>Rename column %1.%2 to %3</source>
        <translation>Spalte %1.%2 in %3 umbenennen</translation>
    </message>
</context>
<context>
    <name>fabrica::RenameTableCommand</name>
    <message>
        <source>Rename table %1 to %2</source>
        <translation>Tabelle %1 in %2 umbenennen</translation>
    </message>
</context>
<context>
    <name>fabrica::Repository</name>
    <message>
        <source>invalid database URL for Fabrica&apos;s storage: it lives in SQLite or PostgreSQL; mysql:// is for --to targets</source>
        <translation>ungültige Datenbank-URL für den Datenspeicher von Fabrica: er liegt in SQLite oder PostgreSQL; mysql:// ist für Ziele von --to gedacht</translation>
    </message>
</context>
<context>
    <name>fabrica::ResetPasswordDialog</name>
    <message>
        <source>Set Password</source>
        <translation>Passwort festlegen</translation>
    </message>
    <message>
        <source>Reset Password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Choose a new password for %1. The old password stops working at once.</source>
        <translation>Wählen Sie ein neues Passwort für %1. Das alte Passwort ist sofort ungültig.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Setting the password…</source>
        <translation>Passwort wird festgelegt…</translation>
    </message>
</context>
<context>
    <name>fabrica::ResponseFileWriter</name>
    <message>
        <source>the client stopped taking the download</source>
        <translation>der Client nimmt den Download nicht mehr entgegen</translation>
    </message>
    <message>
        <source>a single-file download got a second file</source>
        <translation>ein Download aus einer einzigen Datei hat eine zweite Datei erhalten</translation>
    </message>
</context>
<context>
    <name>fabrica::ResponseZipWriter</name>
    <message>
        <source>a ZIP entry began inside another</source>
        <translation>ein ZIP-Eintrag begann innerhalb eines anderen</translation>
    </message>
    <message>
        <source>the file name %1 is too long for a ZIP archive</source>
        <translation>der Dateiname %1 ist zu lang für ein ZIP-Archiv</translation>
    </message>
    <message>
        <source>a write outside any ZIP entry</source>
        <translation>ein Schreibvorgang außerhalb jedes ZIP-Eintrags</translation>
    </message>
</context>
<context>
    <name>fabrica::RestoreCommand</name>
    <message>
        <source>Restore a backup made by fabrica backup into an empty storage</source>
        <translation>Eine mit fabrica backup erstellte Sicherung in einen leeren Datenspeicher zurückspielen</translation>
    </message>
    <message>
        <source>A SQLite backup goes into SQLite storage, a PostgreSQL dump into PostgreSQL storage (with pg_restore; create the database first). A storage that holds any user, schema or run is left alone unless --force is given. A backup of an older Fabrica is migrated to this version. Stop `fabrica serve` and close the window before restoring.</source>
        <translation>Eine SQLite-Sicherung kommt in einen SQLite-Datenspeicher, ein PostgreSQL-Dump in einen PostgreSQL-Datenspeicher (mit pg_restore; legen Sie die Datenbank zuerst an). Ein Datenspeicher, der einen Benutzer, ein Schema oder einen Lauf enthält, bleibt unberührt, außer mit --force. Eine Sicherung einer älteren Fabrica wird auf diese Version migriert. Beenden Sie `fabrica serve` und schließen Sie das Fenster vor dem Zurückspielen.</translation>
    </message>
    <message>
        <source>Replace the storage&apos;s contents even when it is not empty.</source>
        <translation>Den Inhalt des Datenspeichers auch dann ersetzen, wenn er nicht leer ist.</translation>
    </message>
    <message>
        <source>The backup file.</source>
        <translation>Die Sicherungsdatei.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>fabrica restore: name one backup file; `fabrica restore --help` explains</source>
        <translation>fabrica restore: Nennen Sie eine Sicherungsdatei; `fabrica restore --help` erklärt es</translation>
    </message>
    <message>
        <source>fabrica restore: %1</source>
        <translation>fabrica restore: %1</translation>
    </message>
    <message>
        <source>restored %1 (%2, storage version %3) into %4</source>
        <translation>%1 (%2, Datenspeicher-Version %3) nach %4 zurückgespielt</translation>
    </message>
    <message>
        <source>upgraded the storage from version %1 to %2</source>
        <translation>den Datenspeicher von Version %1 auf %2 aktualisiert</translation>
    </message>
    <message>
        <source>it holds users: %1, schemas: %2, runs: %3</source>
        <translation>er enthält Benutzer: %1, Schemas: %2, Läufe: %3</translation>
    </message>
</context>
<context>
    <name>fabrica::RowCountsModel</name>
    <message>
        <source>Changed for this generation; the schema says %1</source>
        <translation>Für diese Generierung geändert; im Schema steht %1</translation>
    </message>
    <message>
        <source>Double-click to generate a different number of rows, for this generation only</source>
        <translation>Doppelklicken, um nur für diese Generierung eine andere Zeilenzahl zu erzeugen</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Schema rows</source>
        <translation>Zeilen im Schema</translation>
    </message>
    <message>
        <source>Rows to generate</source>
        <translation>Zu erzeugende Zeilen</translation>
    </message>
</context>
<context>
    <name>fabrica::RowWindow</name>
    <message>
        <source>the schema has no table &quot;%1&quot;</source>
        <translation>das Schema enthält keine Tabelle &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the schema has no such table to preview</source>
        <translation>die Tabelle für die Vorschau ist im Schema nicht vorhanden</translation>
    </message>
    <message>
        <source>a row window starts at row 0 or later and has 0 rows or more</source>
        <translation>ein Zeilenfenster beginnt bei Zeile 0 oder später und umfasst 0 oder mehr Zeilen</translation>
    </message>
    <message>
        <source>at most %1 rows can be read at a time, not %2</source>
        <translation>es können höchstens %1 Zeilen auf einmal gelesen werden, nicht %2</translation>
    </message>
</context>
<context>
    <name>fabrica::RunExport</name>
    <message>
        <source>run %1 is %2; only a finished run has data to export</source>
        <translation>Lauf %1 hat den Status %2; nur ein abgeschlossener Lauf hat Daten zum Exportieren</translation>
    </message>
    <message>
        <source>run %1 wrote its data to %2, so there is nothing to download; export a run kept in storage or one made for download</source>
        <translation>Lauf %1 hat seine Daten nach %2 geschrieben, daher gibt es nichts herunterzuladen; exportieren Sie einen Lauf aus dem Datenspeicher oder einen, der zum Herunterladen erzeugt wurde</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot; (formats: %2)</source>
        <translation>unbekanntes Format &quot;%1&quot; (Formate: %2)</translation>
    </message>
    <message>
        <source>unknown dialect &quot;%1&quot; (postgresql, mysql, sqlite)</source>
        <translation>unbekannter Dialekt &quot;%1&quot; (postgresql, mysql, sqlite)</translation>
    </message>
    <message>
        <source>gzip must be true or false, found &quot;%1&quot;</source>
        <translation>gzip muss true oder false sein, gefunden: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the run&apos;s schema no longer compiles: %1</source>
        <translation>das Schema des Laufs ist nicht mehr verwendbar: %1</translation>
    </message>
    <message>
        <source>the run&apos;s request no longer compiles: %1</source>
        <translation>die Generierungsanfrage des Laufs ist nicht mehr verwendbar: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::RunInput</name>
    <message>
        <source>unknown key &quot;%1&quot; (known: %2)</source>
        <translation>unbekannter Schlüssel &quot;%1&quot; (bekannt: %2)</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3</source>
        <translation>%1 muss eine ganze Zahl von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 muss true oder false sein</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <translation>%1 muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>seed must be a whole number from 0 to 18446744073709551615 (as a string above 2^53)</source>
        <translation>seed muss eine ganze Zahl von 0 bis 18446744073709551615 sein (oberhalb von 2^53 als Zeichenkette)</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot; (formats: %2)</source>
        <translation>unbekanntes Format &quot;%1&quot; (Formate: %2)</translation>
    </message>
    <message>
        <source>unknown dialect &quot;%1&quot; (postgresql, mysql, sqlite)</source>
        <translation>unbekannter Dialekt &quot;%1&quot; (postgresql, mysql, sqlite)</translation>
    </message>
    <message>
        <source>the delimiter must be one ASCII character other than a quote or a line break</source>
        <translation>das Trennzeichen muss ein einzelnes ASCII-Zeichen sein, aber weder ein Anführungszeichen noch ein Zeilenumbruch</translation>
    </message>
    <message>
        <source>the line ending must be &quot;\n&quot; or &quot;\r\n&quot;</source>
        <translation>das Zeilenende muss &quot;\n&quot; oder &quot;\r\n&quot; sein</translation>
    </message>
    <message>
        <source>ifExists must be fail, append or truncate, found &quot;%1&quot;</source>
        <translation>ifExists muss fail, append oder truncate sein, gefunden: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>rows must be an object of table names and row counts, like {&quot;orders&quot;: 1000}</source>
        <translation>rows muss ein Objekt aus Tabellennamen und Zeilenzahlen sein, etwa {&quot;orders&quot;: 1000}</translation>
    </message>
    <message>
        <source>the schema has no table &quot;%1&quot; to set the row count of</source>
        <translation>das Schema enthält keine Tabelle &quot;%1&quot;, deren Zeilenzahl gesetzt werden könnte</translation>
    </message>
    <message>
        <source>target must be an object with a &quot;kind&quot;</source>
        <translation>target muss ein Objekt mit &quot;kind&quot; sein</translation>
    </message>
    <message>
        <source>target.kind must be stored, database or files, found &quot;%1&quot;</source>
        <translation>target.kind muss stored, database oder files sein, gefunden: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a database target needs its URL as a string in %1: postgresql://user:password@host:port/database[?schema=NAME], mysql://user:password@host:port/database or sqlite:FILE</source>
        <translation>ein Datenbankziel benötigt seine URL als Zeichenkette in %1: postgresql://user:password@host:port/database[?schema=NAME], mysql://user:password@host:port/database oder sqlite:FILE</translation>
    </message>
</context>
<context>
    <name>fabrica::RunRoutes</name>
    <message>
        <source>This server runs no generation jobs.</source>
        <translation>Dieser Server führt keine Generierungsaufträge aus.</translation>
    </message>
    <message>
        <source>Only an administrator may write into a database from the server; generate files to download instead (&quot;target&quot;: {&quot;kind&quot;: &quot;files&quot;}).</source>
        <translation>Nur ein Administrator darf vom Server aus in eine Datenbank schreiben; erzeugen Sie stattdessen Dateien zum Herunterladen (&quot;target&quot;: {&quot;kind&quot;: &quot;files&quot;}).</translation>
    </message>
    <message>
        <source>status must be queued, running, finished, failed or cancelled, found &quot;%1&quot;</source>
        <translation>status muss queued, running, finished, failed oder cancelled sein, gefunden: &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>fabrica::RunsModel</name>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Schema %1</source>
        <translation>Schema %1</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Datenspeicher</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>The run is still going on.</source>
        <translation>Der Lauf ist noch im Gange.</translation>
    </message>
    <message>
        <source>Finished; its rows are kept in storage.</source>
        <translation>Abgeschlossen; seine Zeilen liegen im Datenspeicher.</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Abgeschlossen.</translation>
    </message>
    <message>
        <source>The run failed and left its target as it was.</source>
        <translation>Der Lauf ist fehlgeschlagen und hat sein Ziel unverändert gelassen.</translation>
    </message>
    <message>
        <source>The run was cancelled and left its target as it was.</source>
        <translation>Der Lauf wurde abgebrochen und hat sein Ziel unverändert gelassen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>Finished %1</source>
        <translation>Abgeschlossen: %1</translation>
    </message>
    <message>
        <source>The rows are kept in Fabrica&apos;s storage.</source>
        <translation>Die Zeilen liegen im Datenspeicher von Fabrica.</translation>
    </message>
    <message>
        <source>Run #</source>
        <translation>Lauf Nr.</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Run By</source>
        <translation>Ausgeführt von</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>The run waits for a worker to take it.</source>
        <translation>Der Lauf wartet darauf, dass ein Worker ihn übernimmt.</translation>
    </message>
</context>
<context>
    <name>fabrica::RunsPanel</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the runs again (F5)</source>
        <translation>Die Läufe neu einlesen (F5)</translation>
    </message>
    <message>
        <source>&amp;Open Data</source>
        <translation>Daten ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>This schema &amp;only</source>
        <translation>Nur d&amp;ieses Schema</translation>
    </message>
    <message>
        <source>Show only the runs of the stored schema open in the window</source>
        <translation>Nur die Läufe des gespeicherten Schemas anzeigen, das im Fenster geöffnet ist</translation>
    </message>
    <message>
        <source>There is no storage to read runs from.</source>
        <translation>Es gibt keinen Datenspeicher, aus dem Läufe gelesen werden könnten.</translation>
    </message>
    <message>
        <source>Cannot list the runs: %1</source>
        <translation>Die Läufe können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Only a finished run whose rows are kept in storage can be opened or exported again.</source>
        <translation>Nur ein abgeschlossener Lauf, dessen Zeilen im Datenspeicher liegen, kann erneut geöffnet oder exportiert werden.</translation>
    </message>
    <message>
        <source>Show the run&apos;s rows (Enter)</source>
        <translation>Die Zeilen des Laufs anzeigen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Export the run&apos;s rows to files</source>
        <translation>Die Zeilen des Laufs in Dateien exportieren</translation>
    </message>
    <message>
        <source>Delete run %1 of %2 and the rows it keeps in storage?</source>
        <translation>Lauf %1 von %2 und die Zeilen, die er im Datenspeicher ablegt, löschen?</translation>
    </message>
    <message>
        <source>Delete run %1 of %2 from the list? What it wrote to %3 stays as it is.</source>
        <translation>Lauf %1 von %2 aus der Liste löschen? Was er nach %3 geschrieben hat, bleibt unverändert.</translation>
    </message>
    <message>
        <source>Delete Run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Cannot delete run %1: %2</source>
        <translation>Lauf %1 kann nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted run %1.</source>
        <translation>Lauf %1 gelöscht.</translation>
    </message>
</context>
<context>
    <name>fabrica::SampleRoutes</name>
    <message>
        <source>Unknown property &quot;%1&quot;: send {&quot;values&quot;: [&quot;…&quot;, …]}.</source>
        <translation>Unbekannte Eigenschaft &quot;%1&quot;: Senden Sie {&quot;values&quot;: [&quot;…&quot;, …]}.</translation>
    </message>
    <message>
        <source>Send the samples to add as {&quot;values&quot;: [&quot;…&quot;, …]}.</source>
        <translation>Senden Sie die hinzuzufügenden Beispielwerte als {&quot;values&quot;: [&quot;…&quot;, …]}.</translation>
    </message>
    <message>
        <source>Sample #%1 must be a string.</source>
        <translation>Beispielwert #%1 muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>The query parameter &quot;ids&quot; must list sample ids separated by commas, such as ids=4,7.</source>
        <translation>Der Abfrageparameter &quot;ids&quot; muss IDs von Beispielwerten durch Kommas getrennt aufführen, etwa ids=4,7.</translation>
    </message>
    <message>
        <source>Column %1 has no sample with id %2.</source>
        <translation>Spalte %1 hat keinen Beispielwert mit der ID %2.</translation>
    </message>
    <message>
        <source>Column %1 has no samples to learn from: add some first.</source>
        <translation>Die Spalte %1 hat keine Beispielwerte, aus denen gelernt werden kann: fügen Sie zuerst welche hinzu.</translation>
    </message>
</context>
<context>
    <name>fabrica::SamplesEditor</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a sample value</source>
        <translation>Einen Beispielwert hinzufügen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected values</source>
        <translation>Die ausgewählten Werte löschen</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Add the clipboard&apos;s text, one value per line</source>
        <translation>Den Text aus der Zwischenablage hinzufügen, ein Wert pro Zeile</translation>
    </message>
    <message>
        <source>Load CSV column…</source>
        <translation>CSV-Spalte laden…</translation>
    </message>
    <message>
        <source>Replace the samples with the values of a column of a CSV file</source>
        <translation>Die Beispielwerte durch die Werte einer Spalte aus einer CSV-Datei ersetzen</translation>
    </message>
    <message>
        <source>Column:</source>
        <translation>Spalte:</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n sample(s)</source>
        <translation>
            <numerusform>%n Beispielwert löschen</numerusform>
            <numerusform>%n Beispielwerte löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard holds no text to paste.</source>
        <translation>Die Zwischenablage enthält keinen Text zum Einfügen.</translation>
    </message>
    <message numerus="yes">
        <source>Pasted %n value(s).</source>
        <translation>
            <numerusform>%n Wert eingefügt.</numerusform>
            <numerusform>%n Werte eingefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n sample(s)</source>
        <translation>
            <numerusform>%n Beispielwert einfügen</numerusform>
            <numerusform>%n Beispielwerte einfügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Load samples from a CSV file</source>
        <translation>Beispielwerte aus einer CSV-Datei laden</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.tsv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n column(s); choose the one to take the samples from.</source>
        <translation>
            <numerusform>%1 hat %n Spalte; wählen Sie die Spalte, aus der die Beispielwerte stammen sollen.</numerusform>
            <numerusform>%1 hat %n Spalten; wählen Sie die Spalte, aus der die Beispielwerte stammen sollen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Took %1 values of column %2 of %3 (the first %4 rows).</source>
        <translation>%1 Werte aus Spalte %2 von %3 übernommen (die ersten %4 Zeilen).</translation>
    </message>
    <message>
        <source>Took %1 values of column %2 of %3.</source>
        <translation>%1 Werte aus Spalte %2 von %3 übernommen.</translation>
    </message>
    <message>
        <source>Load the samples from %1 (%2)</source>
        <translation>Beispielwerte aus %1 laden (%2)</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>fabrica::SavedConnections</name>
    <message>
        <source>cannot write the settings file %1</source>
        <translation>die Einstellungsdatei %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>a saved connection needs a name</source>
        <translation>eine gespeicherte Verbindung braucht einen Namen</translation>
    </message>
</context>
<context>
    <name>fabrica::SavedPasswords</name>
    <message>
        <source>cannot write the settings file %1</source>
        <translation>die Einstellungsdatei %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>the saved password for %1 cannot be decrypted (%2); save it again</source>
        <translation>das gespeicherte Passwort für %1 kann nicht entschlüsselt werden (%2); speichern Sie es erneut</translation>
    </message>
    <message>
        <source>only server connections have passwords</source>
        <translation>nur Serververbindungen haben Passwörter</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaBrowserModel</name>
    <message>
        <source>Open (%1)</source>
        <translation>Geöffnet (%1)</translation>
    </message>
    <message>
        <source>In storage (%1)</source>
        <translation>Im Datenspeicher (%1)</translation>
    </message>
    <message>
        <source>Stored schema #%1</source>
        <translation>Gespeichertes Schema #%1</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaBuilder</name>
    <message>
        <source>table %1 is defined again; the later definition is used</source>
        <translation>die Tabelle %1 ist erneut definiert; die spätere Definition wird verwendet</translation>
    </message>
    <message>
        <source>table %1 comes from a Fabrica schema file too; that one is used</source>
        <translation>die Tabelle %1 stammt auch aus einer Fabrica-Schemadatei; diese Definition wird verwendet</translation>
    </message>
    <message>
        <source>multi-column foreign key to %1 is not kept: Fabrica references one column; the columns are generated on their own</source>
        <translation>der mehrspaltige Fremdschlüssel auf %1 wird nicht übernommen: Fabrica verweist auf genau eine Spalte; die Spalten werden unabhängig voneinander erzeugt</translation>
    </message>
    <message>
        <source>foreign key to %1, which is not part of the import; the column is generated as plain values</source>
        <translation>Fremdschlüssel auf %1, aber diese Tabelle gehört nicht zum Import; die Spalte wird mit einfachen Werten erzeugt</translation>
    </message>
    <message>
        <source>foreign key to %1.%2, which is not a single-column key; the column is generated as plain values</source>
        <translation>Fremdschlüssel auf %1.%2, aber das ist kein einspaltiger Schlüssel; die Spalte wird mit einfachen Werten erzeugt</translation>
    </message>
    <message>
        <source>%1 (a key, from the SQL type)</source>
        <translation>%1 (ein Schlüssel, aus dem SQL-Typ)</translation>
    </message>
    <message>
        <source>%1 (from the values of the CSV samples)</source>
        <translation>%1 (aus den Werten der CSV-Beispieldaten)</translation>
    </message>
    <message>
        <source>the self reference is NOT NULL in the DDL; Fabrica leaves the roots NULL</source>
        <translation>der Selbstverweis ist in der DDL NOT NULL; Fabrica lässt die Wurzeln NULL</translation>
    </message>
    <message>
        <source>; NULL in %1 % (the roots of the hierarchy)</source>
        <translation>; NULL in %1 % (die Wurzeln der Hierarchie)</translation>
    </message>
    <message>
        <source>; NULL in %1 % (nullable)</source>
        <translation>; NULL in %1 % (NULL zulässig)</translation>
    </message>
    <message>
        <source>no columns are known of table %1 (only INSERTs); it is left out</source>
        <translation>von der Tabelle %1 sind keine Spalten bekannt (nur INSERTs); sie wird weggelassen</translation>
    </message>
    <message>
        <source>unique key (%1) kept as &quot;uniqueKey&quot;: &quot;%2&quot;: the combinations are unique, no column on its own</source>
        <translation>eindeutiger Schlüssel (%1) als &quot;uniqueKey&quot;: &quot;%2&quot; übernommen: die Kombinationen sind eindeutig, keine Spalte für sich allein</translation>
    </message>
    <message>
        <source>computed by the database (%1); appending leaves it to the database, files and new tables get generated values</source>
        <translation>von der Datenbank berechnet (%1); beim Anhängen überlässt Fabrica die Spalte der Datenbank, Dateien und neue Tabellen erhalten erzeugte Werte</translation>
    </message>
    <message>
        <source>primary key (%1) kept over its %2 columns: the combinations are unique, no column on its own</source>
        <translation>Primärschlüssel (%1) über seine %2 Spalten übernommen: die Kombinationen sind eindeutig, keine Spalte für sich allein</translation>
    </message>
    <message>
        <source>%1 (from the INSERT rows)</source>
        <translation>%1 (aus den INSERT-Zeilen)</translation>
    </message>
    <message>
        <source>%1 rows: the key %2 (%3) holds no more values</source>
        <translation>%1 Zeilen: der Schlüssel %2 (%3) fasst nicht mehr Werte</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaEditor</name>
    <message>
        <source>The schema&apos;s name; stored schemas of one user have different names.</source>
        <translation>Der Name des Schemas; die gespeicherten Schemas eines Benutzers haben unterschiedliche Namen.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Default (en_US)</source>
        <translation>Standard (en_US)</translation>
    </message>
    <message>
        <source>Language and country of names, addresses and phone numbers, unless a column says otherwise.</source>
        <translation>Sprache und Land für Namen, Adressen und Telefonnummern, sofern eine Spalte nichts anderes festlegt.</translation>
    </message>
    <message>
        <source>&amp;Locale:</source>
        <translation>&amp;Gebietsschema:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Add &amp;Table</source>
        <translation>&amp;Tabelle hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n Spalte</numerusform>
            <numerusform>%n Spalten</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 rows to generate</source>
        <translation>%L1 zu erzeugende Zeilen</translation>
    </message>
    <message>
        <source>The schema has changed since you read it: If-Match %1 does not match its ETag %2. Read it again, then repeat the change.</source>
        <translation>Das Schema wurde geändert, seit Sie es gelesen haben: If-Match %1 stimmt nicht mit seinem ETag %2 überein. Lesen Sie es erneut und wiederholen Sie dann die Änderung.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from 0.</source>
        <translation>&quot;%1&quot; muss eine ganze Zahl ab 0 sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 in the body but %3 here; ids cannot be changed.</source>
        <translation>&quot;%1&quot; ist im Anfragetext %2, hier aber %3; IDs können nicht geändert werden.</translation>
    </message>
    <message>
        <source>no table with id %1</source>
        <translation>keine Tabelle mit der ID %1</translation>
    </message>
    <message>
        <source>no column with id %1</source>
        <translation>keine Spalte mit der ID %1</translation>
    </message>
    <message>
        <source>&amp;Fixed</source>
        <translation>&amp;Fest</translation>
    </message>
    <message>
        <source>The day the generated data treats as today: dates and timestamps without a range end here, so nothing lies in the future and the output stays the same on every later day. When not fixed, the schema&apos;s creation date is used (or 2026-01-01).</source>
        <translation>Der Tag, den die erzeugten Daten als heute betrachten: Datums- und Zeitstempelwerte ohne Wertebereich enden hier, sodass nichts in der Zukunft liegt und die Ausgabe an jedem späteren Tag gleich bleibt. Ist das Datum nicht fest, wird das Erstellungsdatum des Schemas verwendet (oder 2026-01-01).</translation>
    </message>
    <message>
        <source>&amp;Reference date:</source>
        <translation>Be&amp;zugsdatum:</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaFile</name>
    <message>
        <source>unknown property &quot;%1&quot; in %2 (expected one of: %3)</source>
        <translation>unbekannte Eigenschaft &quot;%1&quot; in %2 (zulässig: %3)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string, found %2</source>
        <translation>&quot;%1&quot; muss eine Zeichenkette sein, ist aber %2</translation>
    </message>
    <message>
        <source>%1 has no &quot;%2&quot;</source>
        <translation>in %1 fehlt &quot;%2&quot;</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>true</source>
        <translation>true</translation>
    </message>
    <message>
        <source>false</source>
        <translation>false</translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation>die Zahl %1</translation>
    </message>
    <message>
        <source>the string %1</source>
        <translation>die Zeichenkette %1</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nicht vorhanden</translation>
    </message>
    <message>
        <source>a column must be an object, found %1</source>
        <translation>eine Spalte muss ein Objekt sein, ist aber %1</translation>
    </message>
    <message>
        <source>column #%1 of table &quot;%2&quot;</source>
        <translation>Spalte #%1 der Tabelle &quot;%2&quot;</translation>
    </message>
    <message>
        <source>a column</source>
        <translation>einer Spalte</translation>
    </message>
    <message>
        <source>column &quot;%1&quot;</source>
        <translation>Spalte &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;constraints&quot; must be an object, found %1</source>
        <translation>&quot;constraints&quot; muss ein Objekt sein, ist aber %1</translation>
    </message>
    <message>
        <source>&quot;samples&quot; must be an array of strings, found %1</source>
        <translation>&quot;samples&quot; muss ein Array von Zeichenketten sein, ist aber %1</translation>
    </message>
    <message>
        <source>sample #%1 must be a string, found %2</source>
        <translation>Beispielwert #%1 muss eine Zeichenkette sein, ist aber %2</translation>
    </message>
    <message>
        <source>a table must be an object, found %1</source>
        <translation>eine Tabelle muss ein Objekt sein, ist aber %1</translation>
    </message>
    <message>
        <source>table #%1</source>
        <translation>Tabelle #%1</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>einer Tabelle</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no &quot;rows&quot;</source>
        <translation>in Tabelle &quot;%1&quot; fehlt &quot;rows&quot;</translation>
    </message>
    <message>
        <source>&quot;rows&quot; must be a whole number from 0 to 2^53, found %1</source>
        <translation>&quot;rows&quot; muss eine ganze Zahl von 0 bis 2^53 sein, ist aber %1</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no &quot;columns&quot;</source>
        <translation>in Tabelle &quot;%1&quot; fehlt &quot;columns&quot;</translation>
    </message>
    <message>
        <source>&quot;columns&quot; must be an array, found %1</source>
        <translation>&quot;columns&quot; muss ein Array sein, ist aber %1</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>der Datei</translation>
    </message>
    <message>
        <source>not a Fabrica schema file: &quot;format&quot; must be &quot;%1&quot;, found %2</source>
        <translation>keine Fabrica-Schemadatei: &quot;format&quot; muss &quot;%1&quot; sein, ist aber %2</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number from 1, found %1</source>
        <translation>&quot;version&quot; muss eine ganze Zahl ab 1 sein, ist aber %1</translation>
    </message>
    <message>
        <source>the file has format version %1, but this Fabrica reads up to version %2; open it with a newer Fabrica</source>
        <translation>die Datei hat die Formatversion %1, diese Fabrica-Version liest aber nur bis Version %2; öffnen Sie sie mit einer neueren Fabrica-Version</translation>
    </message>
    <message>
        <source>&quot;schema&quot; must be an object, found %1</source>
        <translation>&quot;schema&quot; muss ein Objekt sein, ist aber %1</translation>
    </message>
    <message>
        <source>the schema</source>
        <translation>dem Schema</translation>
    </message>
    <message>
        <source>&quot;created&quot; must be an ISO 8601 date and time with a time zone, such as &quot;2026-11-25T12:00:00Z&quot;, found &quot;%1&quot;</source>
        <translation>&quot;created&quot; muss ein ISO-8601-Datum mit Uhrzeit und Zeitzone sein, etwa &quot;2026-11-25T12:00:00Z&quot;, ist aber &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the schema has no &quot;tables&quot;</source>
        <translation>im Schema fehlt &quot;tables&quot;</translation>
    </message>
    <message>
        <source>&quot;tables&quot; must be an array, found %1</source>
        <translation>&quot;tables&quot; muss ein Array sein, ist aber %1</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>not a Fabrica schema file: the top level must be a JSON object</source>
        <translation>keine Fabrica-Schemadatei: die oberste Ebene muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>die Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>cannot write the file: %1</source>
        <translation>die Datei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>&quot;referenceDate&quot; must be a date written YYYY-MM-DD, such as &quot;2026-01-31&quot;, found &quot;%1&quot;</source>
        <translation>&quot;referenceDate&quot; muss ein Datum im Format YYYY-MM-DD sein, etwa &quot;2026-01-31&quot;, gefunden: &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaFileArgument</name>
    <message>
        <source>%1: cannot open the file: %2</source>
        <translation>%1: die Datei kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>fabrica %1: name at least one schema file</source>
        <translation>fabrica %1: geben Sie mindestens eine Schemadatei an</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaPersistence</name>
    <message>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot open the stored schema</source>
        <translation>Das gespeicherte Schema kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot list the stored schemas</source>
        <translation>Die gespeicherten Schemas können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Cannot save %1</source>
        <translation>%1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot store %1</source>
        <translation>%1 kann nicht im Datenspeicher gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot delete the stored schema</source>
        <translation>Das gespeicherte Schema kann nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaRoutes</name>
    <message>
        <source>The query parameter &quot;seed&quot; must be a whole number from 0 to 18446744073709551615.</source>
        <translation>Der Abfrageparameter &quot;seed&quot; muss eine ganze Zahl von 0 bis 18446744073709551615 sein.</translation>
    </message>
    <message>
        <source>The schema has no table.</source>
        <translation>Das Schema hat keine Tabelle.</translation>
    </message>
    <message>
        <source>The schema has no table &quot;%1&quot;.</source>
        <translation>Das Schema hat keine Tabelle &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string.</source>
        <translation>&quot;%1&quot; muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>A schema needs a name.</source>
        <translation>Ein Schema benötigt einen Namen.</translation>
    </message>
    <message>
        <source>Only an administrator creates schemas for other users.</source>
        <translation>Nur ein Administrator kann Schemas für andere Benutzer anlegen.</translation>
    </message>
    <message>
        <source>Send the new schema&apos;s &quot;name&quot; (and a &quot;description&quot;), or a whole schema document.</source>
        <translation>Senden Sie den &quot;name&quot; des neuen Schemas (und eine &quot;description&quot;) oder ein vollständiges Schemadokument.</translation>
    </message>
    <message>
        <source>Unknown property &quot;%1&quot;: a schema takes &quot;name&quot;, &quot;description&quot; and &quot;referenceDate&quot; here (or, to create one, a whole schema document).</source>
        <translation>Unbekannte Eigenschaft &quot;%1&quot;: Ein Schema nimmt hier &quot;name&quot;, &quot;description&quot; und &quot;referenceDate&quot; an (oder, um eines anzulegen, ein vollständiges Schemadokument).</translation>
    </message>
    <message>
        <source>&quot;referenceDate&quot; must be a date as YYYY-MM-DD, or null for none.</source>
        <translation>&quot;referenceDate&quot; muss ein Datum der Form YYYY-MM-DD sein, oder null für keines.</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaSession</name>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Duplicate table %1</source>
        <translation>Tabelle %1 duplizieren</translation>
    </message>
    <message>
        <source>Duplicate column %1.%2</source>
        <translation>Spalte %1.%2 duplizieren</translation>
    </message>
    <message>
        <source>A table needs a name.</source>
        <translation>Eine Tabelle braucht einen Namen.</translation>
    </message>
    <message>
        <source>A table name cannot contain &quot;.&quot;: references are written table.column.</source>
        <translation>Ein Tabellenname darf keinen „.“ enthalten: Verweise werden als tabelle.spalte geschrieben.</translation>
    </message>
    <message>
        <source>Another table is already called &quot;%1&quot;.</source>
        <translation>Eine andere Tabelle heißt bereits „%1“.</translation>
    </message>
    <message>
        <source>A column needs a name.</source>
        <translation>Eine Spalte braucht einen Namen.</translation>
    </message>
    <message>
        <source>A column name cannot contain &quot;.&quot;: references are written table.column.</source>
        <translation>Ein Spaltenname darf keinen „.“ enthalten: Verweise werden als tabelle.spalte geschrieben.</translation>
    </message>
    <message>
        <source>Another column of %1 is already called &quot;%2&quot;.</source>
        <translation>Eine andere Spalte von %1 heißt bereits „%2“.</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaTreeModel</name>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 rows</source>
        <translation>%L1 Zeilen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type / rows</source>
        <translation>Typ / Zeilen</translation>
    </message>
</context>
<context>
    <name>fabrica::SchemaValidator</name>
    <message>
        <source>%1 name &quot;%2&quot; is used more than once</source>
        <translation>der Name &quot;%2&quot; wird für mehr als eine %1 verwendet</translation>
    </message>
    <message>
        <source>%1 name &quot;%2&quot; differs from &quot;%3&quot; only in case; PostgreSQL folds unquoted names and MySQL on Windows and macOS ignores case, so give them distinct names</source>
        <translation>der Name &quot;%2&quot; unterscheidet sich nur in der Groß-/Kleinschreibung vom Namen &quot;%3&quot; einer anderen %1; PostgreSQL wandelt Namen ohne Anführungszeichen in Kleinbuchstaben um, und MySQL ignoriert unter Windows und macOS die Groß-/Kleinschreibung; vergeben Sie daher unterschiedliche Namen</translation>
    </message>
    <message>
        <source>%1 names &quot;%2&quot; and &quot;%3&quot; are the same after PostgreSQL truncates them to 63 bytes (&quot;%4&quot;); shorten one of them</source>
        <translation>der Name &quot;%3&quot; stimmt mit dem Namen &quot;%2&quot; einer anderen %1 überein, nachdem PostgreSQL beide auf 63 Bytes gekürzt hat (&quot;%4&quot;); kürzen Sie einen der beiden</translation>
    </message>
    <message>
        <source>unknown data type &quot;%1&quot;; `fabrica types` lists them all</source>
        <translation>unbekannter Datentyp &quot;%1&quot;; `fabrica types` listet alle auf</translation>
    </message>
    <message>
        <source>unknown data type &quot;%1&quot;; did you mean &quot;%2&quot;?</source>
        <translation>unbekannter Datentyp &quot;%1&quot;; meinten Sie &quot;%2&quot;?</translation>
    </message>
    <message>
        <source>schema name: %1</source>
        <translation>Schemaname: %1</translation>
    </message>
    <message>
        <source>schema name &quot;%1&quot; starts with &quot;pg_&quot;, which PostgreSQL reserves for system schemas</source>
        <translation>der Schemaname &quot;%1&quot; beginnt mit &quot;pg_&quot;; dieses Präfix reserviert PostgreSQL für Systemschemas</translation>
    </message>
    <message>
        <source>unknown locale &quot;%1&quot; (locales: %2)</source>
        <translation>unbekanntes Gebietsschema &quot;%1&quot; (verfügbar: %2)</translation>
    </message>
    <message>
        <source>the schema has no tables yet</source>
        <translation>das Schema enthält noch keine Tabellen</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>rows must be 0 or more, found %1</source>
        <translation>rows muss 0 oder größer sein, ist aber %1</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no columns</source>
        <translation>Tabelle &quot;%1&quot; hat keine Spalten</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>type %1 cannot be %2; key columns need a type with a large domain such as sequence, integer, uuid or string</source>
        <translation>Typ %1 kann nicht %2 sein; Schlüsselspalten benötigen einen Typ mit großem Wertebereich wie sequence, integer, uuid oder string</translation>
    </message>
    <message>
        <source>a foreign key</source>
        <translation>ein Fremdschlüssel</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <source>a primary key</source>
        <translation>ein Primärschlüssel</translation>
    </message>
    <message>
        <source>references table &quot;%1&quot;, which does not exist</source>
        <translation>verweist auf die nicht vorhandene Tabelle &quot;%1&quot;</translation>
    </message>
    <message>
        <source>references table &quot;%1&quot;, which does not exist; did you mean &quot;%2&quot;?</source>
        <translation>verweist auf die nicht vorhandene Tabelle &quot;%1&quot;; meinten Sie &quot;%2&quot;?</translation>
    </message>
    <message>
        <source>references column &quot;%1&quot; of table &quot;%2&quot;, which does not exist</source>
        <translation>verweist auf die nicht vorhandene Spalte &quot;%1&quot; der Tabelle &quot;%2&quot;</translation>
    </message>
    <message>
        <source>references itself; a foreign key must point at another column</source>
        <translation>verweist auf sich selbst; ein Fremdschlüssel muss auf eine andere Spalte verweisen</translation>
    </message>
    <message>
        <source>references %1, which is only part of a composite primary key and not unique on its own; mark it unique or reference another column</source>
        <translation>verweist auf %1, die nur Teil eines zusammengesetzten Primärschlüssels und für sich allein nicht eindeutig ist; markieren Sie sie als eindeutig oder verweisen Sie auf eine andere Spalte</translation>
    </message>
    <message>
        <source>references %1, which is neither the primary key nor unique; mark it &quot;primaryKey&quot; or &quot;unique&quot;</source>
        <translation>verweist auf %1, die weder der Primärschlüssel noch eindeutig ist; markieren Sie sie mit &quot;primaryKey&quot; oder &quot;unique&quot;</translation>
    </message>
    <message>
        <source>foreign key type mismatch: %1 is %2 but %3 is %4; use type foreign_key or a type of the same kind</source>
        <translation>Typen des Fremdschlüssels passen nicht zusammen: %1 ist %2, aber %3 ist %4; verwenden Sie den Typ foreign_key oder einen Typ derselben Art</translation>
    </message>
    <message>
        <source>references its own table and is NOT NULL, so the first row has nothing to refer to; make it nullable (remove notNull)</source>
        <translation>verweist auf die eigene Tabelle und ist NOT NULL, daher gibt es für die erste Zeile nichts, worauf sie verweisen kann; lassen Sie NULL zu (entfernen Sie notNull)</translation>
    </message>
    <message>
        <source>part of a unique key</source>
        <translation>Teil eines eindeutigen Schlüssels</translation>
    </message>
    <message>
        <source>uniqueKey has an empty name; name the multi-column unique key, e.g. &quot;%1_key&quot;</source>
        <translation>uniqueKey hat einen leeren Namen; benennen Sie den mehrspaltigen eindeutigen Schlüssel, z. B. &quot;%1_key&quot;</translation>
    </message>
    <message>
        <source>uniqueKey names &quot;%1&quot; twice</source>
        <translation>uniqueKey nennt &quot;%1&quot; doppelt</translation>
    </message>
    <message>
        <source>unique key &quot;%1&quot; has only this column; a key of one column is &quot;unique&quot;: true (it is generated so)</source>
        <translation>der eindeutige Schlüssel &quot;%1&quot; hat nur diese Spalte; ein Schlüssel aus einer Spalte ist &quot;unique&quot;: true (er wird so erzeugt)</translation>
    </message>
</context>
<context>
    <name>fabrica::SecretBox</name>
    <message>
        <source>the encryption key must have %1 bytes</source>
        <translation>der Verschlüsselungsschlüssel muss %1 Bytes lang sein</translation>
    </message>
    <message>
        <source>the secret is too large to encrypt</source>
        <translation>das Geheimnis ist zu groß zum Verschlüsseln</translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation>der Zufallszahlengenerator des Systems ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot encrypt the secret</source>
        <translation>das Geheimnis kann nicht verschlüsselt werden</translation>
    </message>
    <message>
        <source>the saved secret cannot be decrypted: the key file is not the one it was saved with, or the saved text was changed</source>
        <translation>das gespeicherte Geheimnis kann nicht entschlüsselt werden: die Schlüsseldatei ist nicht dieselbe wie beim Speichern, oder der gespeicherte Text wurde verändert</translation>
    </message>
</context>
<context>
    <name>fabrica::SecretFile</name>
    <message>
        <source>a secret file must hold between 16 and 4096 bytes</source>
        <translation>eine Schlüsseldatei muss zwischen 16 und 4096 Bytes enthalten</translation>
    </message>
    <message>
        <source>cannot create the folder for the secret file</source>
        <translation>der Ordner für die Schlüsseldatei kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot read the secret file: %1</source>
        <translation>die Schlüsseldatei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the secret file is not a regular file</source>
        <translation>die Schlüsseldatei ist keine reguläre Datei</translation>
    </message>
    <message>
        <source>other users may read or change the secret file; make it private to its owner (chmod 600) and restart</source>
        <translation>andere Benutzer können die Schlüsseldatei lesen oder ändern; beschränken Sie den Zugriff auf den Eigentümer (chmod 600) und starten Sie neu</translation>
    </message>
    <message>
        <source>the secret file has %1 bytes instead of %2; restore it from a backup, or delete it to make a new one (signed-in users must sign in again and saved passwords must be entered again)</source>
        <translation>die Schlüsseldatei hat %1 statt %2 Bytes; stellen Sie sie aus einer Sicherung wieder her oder löschen Sie sie, damit eine neue angelegt wird (angemeldete Benutzer müssen sich dann erneut anmelden, und gespeicherte Passwörter müssen erneut eingegeben werden)</translation>
    </message>
    <message>
        <source>cannot read the secret file</source>
        <translation>die Schlüsseldatei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation>der Zufallszahlengenerator des Systems ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot create the secret file: %1</source>
        <translation>die Schlüsseldatei kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>cannot write the secret file: %1</source>
        <translation>die Schlüsseldatei kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>fabrica::ServeCommand</name>
    <message>
        <source>HOST:PORT</source>
        <translation>HOST:PORT</translation>
    </message>
    <message>
        <source>fabrica serve: unexpected arguments; `fabrica serve --help` lists the options</source>
        <translation>fabrica serve: unerwartete Argumente; `fabrica serve --help` listet die Optionen auf</translation>
    </message>
    <message>
        <source>fabrica serve: %1</source>
        <translation>fabrica serve: %1</translation>
    </message>
    <message>
        <source>fabrica serve: cannot install the SIGTERM/SIGINT handlers</source>
        <translation>fabrica serve: die Handler für SIGTERM/SIGINT können nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>Fabrica API stopped.</source>
        <translation>Fabrica-API beendet.</translation>
    </message>
    <message>
        <source>Run the REST API (HTTP, or HTTPS with --tls-cert, on --listen, default 127.0.0.1:8080)</source>
        <translation>Die REST-API betreiben (HTTP oder, mit --tls-cert, HTTPS auf --listen, Standard 127.0.0.1:8080)</translation>
    </message>
    <message>
        <source>Serve HTTPS with this certificate (PEM, the chain after it).</source>
        <translation>HTTPS mit diesem Zertifikat bereitstellen (PEM, die Zertifikatskette dahinter).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>The certificate&apos;s private key (PEM, unencrypted).</source>
        <translation>Der private Schlüssel des Zertifikats (PEM, unverschlüsselt).</translation>
    </message>
    <message>
        <source>WARNING: listening on %1, which is not a loopback address, WITHOUT TLS.
Passwords and tokens travel in clear text. Serve HTTPS with --tls-cert and --tls-key,
keep the API on 127.0.0.1, or put it behind a TLS-terminating proxy.</source>
        <translation>WARNUNG: Lausche auf %1, keiner Loopback-Adresse, OHNE TLS.
Passwörter und Tokens werden im Klartext übertragen. Stellen Sie HTTPS mit --tls-cert und
--tls-key bereit, betreiben Sie die API auf 127.0.0.1 oder hinter einem Proxy, der TLS abschließt.</translation>
    </message>
    <message>
        <source>Fabrica API listening on %1://%2:%3/api/v1 (storage %4); stop with Ctrl+C or SIGTERM.</source>
        <translation>Fabrica-API lauscht auf %1://%2:%3/api/v1 (Datenspeicher %4); beenden mit Strg+C oder SIGTERM.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>the listen address takes HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080; got &quot;%1&quot;</source>
        <translation>die Listen-Adresse hat die Form HOST:PORT, z. B. 127.0.0.1:8080 oder [::1]:8080; erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>The API answers under /api/v1 until SIGTERM or SIGINT (Ctrl+C). With --tls-cert and --tls-key it speaks HTTPS only; without them plain HTTP, for a loopback address or behind a TLS proxy. --config reads these settings and more (limits, log level) from an INI file; the options given here win over it.</source>
        <translation>Die API antwortet unter /api/v1 bis SIGTERM oder SIGINT (Strg+C). Mit --tls-cert und --tls-key spricht sie nur HTTPS; ohne sie einfaches HTTP, für eine Loopback-Adresse oder hinter einem TLS-Proxy. --config liest diese und weitere Einstellungen (Grenzen, Protokollstufe) aus einer INI-Datei; die hier angegebenen Optionen haben Vorrang.</translation>
    </message>
    <message>
        <source>Read the settings from this INI file (see docs/operations.md).</source>
        <translation>Die Einstellungen aus dieser INI-Datei lesen (siehe docs/operations.md).</translation>
    </message>
    <message>
        <source>Address and port to listen on (default 127.0.0.1:8080).</source>
        <translation>Adresse und Port, auf denen gelauscht wird (Standard 127.0.0.1:8080).</translation>
    </message>
    <message>
        <source>Generation jobs this server runs at once (queued runs of any instance sharing the storage; default 2).</source>
        <translation>Erzeugungsaufträge, die dieser Server gleichzeitig ausführt (wartende Läufe jeder Instanz, die den Datenspeicher teilt; Standard 2).</translation>
    </message>
    <message>
        <source>a TLS certificate and its key go together (--tls-cert and --tls-key, or cert and key in [tls])</source>
        <translation>ein TLS-Zertifikat und sein Schlüssel gehören zusammen (--tls-cert und --tls-key, oder cert und key in [tls])</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>fabrica::ServerConfig</name>
    <message>
        <source>takes a whole number from %1 to %2, not &quot;%3&quot;</source>
        <translation>nimmt eine ganze Zahl von %1 bis %2 an, nicht &quot;%3&quot;</translation>
    </message>
    <message>
        <source>takes true or false, not &quot;%1&quot;</source>
        <translation>nimmt true oder false an, nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>takes addresses or subnets separated by commas (127.0.0.1, 10.0.0.0/8, ::1); &quot;%1&quot; is neither</source>
        <translation>nimmt durch Kommas getrennte Adressen oder Subnetze an (127.0.0.1, 10.0.0.0/8, ::1); &quot;%1&quot; ist keines von beiden</translation>
    </message>
    <message>
        <source>takes warning, info or debug, not &quot;%1&quot;</source>
        <translation>nimmt warning, info oder debug an, nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot read the configuration: %1</source>
        <translation>die Konfiguration kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>a section header ends with &quot;]&quot;</source>
        <translation>eine Abschnittsüberschrift endet mit &quot;]&quot;</translation>
    </message>
    <message>
        <source>unknown section [%1]; the sections are [server], [tls], [storage], [limits], [jobs] and [log]</source>
        <translation>unbekannter Abschnitt [%1]; die Abschnitte sind [server], [tls], [storage], [limits], [jobs] und [log]</translation>
    </message>
    <message>
        <source>expected &quot;key = value&quot; or &quot;[section]&quot;, got &quot;%1&quot;</source>
        <translation>erwartet &quot;Schlüssel = Wert&quot; oder &quot;[Abschnitt]&quot;, erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; comes before any [section]</source>
        <translation>&quot;%1&quot; steht vor jedem [Abschnitt]</translation>
    </message>
    <message>
        <source>set twice (first on line %1)</source>
        <translation>doppelt gesetzt (zuerst in Zeile %1)</translation>
    </message>
    <message>
        <source>unknown key; [%1] takes %2</source>
        <translation>unbekannter Schlüssel; [%1] nimmt %2 an</translation>
    </message>
</context>
<context>
    <name>fabrica::ServiceRoutes</name>
    <message>
        <source>The storage cannot be reached.</source>
        <translation>Der Datenspeicher ist nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>fabrica::SessionRoutes</name>
    <message>
        <source>Send &quot;username&quot; (a user name or an e-mail address) and &quot;password&quot;.</source>
        <translation>Senden Sie &quot;username&quot; (einen Benutzernamen oder eine E-Mail-Adresse) und &quot;password&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins for this account or from this address; try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen für dieses Konto oder von dieser Adresse; versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen für dieses Konto oder von dieser Adresse; versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Send &quot;currentPassword&quot; and &quot;newPassword&quot;.</source>
        <translation>Senden Sie &quot;currentPassword&quot; und &quot;newPassword&quot;.</translation>
    </message>
</context>
<context>
    <name>fabrica::SetColumnDescriptionCommand</name>
    <message>
        <source>Describe column %1</source>
        <translation>Beschreibung der Spalte %1 ändern</translation>
    </message>
</context>
<context>
    <name>fabrica::SetColumnTypeCommand</name>
    <message>
        <source>Set type of %1 to %2</source>
        <translation>Typ von %1 auf %2 ändern</translation>
    </message>
</context>
<context>
    <name>fabrica::SetConstraintCommand</name>
    <message>
        <source>Remove %1 of %2</source>
        <translation>%1 von %2 entfernen</translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation>%1 von %2 festlegen</translation>
    </message>
</context>
<context>
    <name>fabrica::SetConstraintsCommand</name>
    <message>
        <source>Edit the constraints of %1</source>
        <translation>Constraints von %1 bearbeiten</translation>
    </message>
</context>
<context>
    <name>fabrica::SetSchemaPropertyCommand</name>
    <message>
        <source>Rename schema to %1</source>
        <translation>Schema in %1 umbenennen</translation>
    </message>
    <message>
        <source>Describe the schema</source>
        <translation>Beschreibung des Schemas ändern</translation>
    </message>
    <message>
        <source>Set the schema&apos;s locale to %1</source>
        <translation>Gebietsschema des Schemas auf %1 setzen</translation>
    </message>
    <message>
        <source>Clear the schema&apos;s reference date</source>
        <translation>Bezugsdatum des Schemas entfernen</translation>
    </message>
    <message>
        <source>Set the schema&apos;s reference date to %1</source>
        <translation>Bezugsdatum des Schemas auf %1 setzen</translation>
    </message>
</context>
<context>
    <name>fabrica::SetTableDescriptionCommand</name>
    <message>
        <source>Describe table %1</source>
        <translation>Beschreibung der Tabelle %1 ändern</translation>
    </message>
</context>
<context>
    <name>fabrica::SetTableRowsCommand</name>
    <message>
        <source>Set rows of %1 to %2</source>
        <translation>Zeilenzahl von %1 auf %2 setzen</translation>
    </message>
</context>
<context>
    <name>fabrica::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>&amp;Storage</source>
        <translation>&amp;Datenspeicher</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>API Ser&amp;ver</source>
        <translation>API-Ser&amp;ver</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>The new language applies at the next start.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>How many threads a new generation starts with; each generation can change it.</source>
        <translation>Mit wie vielen Threads eine neue Generierung beginnt; jede Generierung kann das ändern.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Default &amp;threads:</source>
        <translation>Standardanzahl &amp;Threads:</translation>
    </message>
    <message numerus="yes">
        <source>This computer runs %n thread(s) at once.</source>
        <translation>
            <numerusform>Dieser Computer führt %n Thread gleichzeitig aus.</numerusform>
            <numerusform>Dieser Computer führt %n Threads gleichzeitig aus.</numerusform>
        </translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <source>Restore &amp;Defaults</source>
        <translation>&amp;Standardwerte wiederherstellen</translation>
    </message>
    <message>
        <source>Imported files and archives are untrusted: Fabrica reads no more than this.</source>
        <translation>Importierte Dateien und Archive gelten als nicht vertrauenswürdig: Fabrica liest nicht mehr als hier angegeben.</translation>
    </message>
    <message>
        <source>&amp;Upload size:</source>
        <translation>&amp;Upload-Größe:</translation>
    </message>
    <message>
        <source>&amp;Entries per archive:</source>
        <translation>&amp;Einträge pro Archiv:</translation>
    </message>
    <message>
        <source>Entr&amp;y size (unpacked):</source>
        <translation>Größe pro Ei&amp;ntrag (entpackt):</translation>
    </message>
    <message>
        <source>T&amp;otal size (unpacked):</source>
        <translation>&amp;Gesamtgröße (entpackt):</translation>
    </message>
    <message>
        <source>Ratio &amp;checked above:</source>
        <translation>Verhältnis &amp;prüfen ab:</translation>
    </message>
    <message>
        <source>Maximum compression &amp;ratio:</source>
        <translation>Maximales &amp;Kompressionsverhältnis:</translation>
    </message>
    <message>
        <source>An archive entry that unpacks to more than this may be at most the maximum ratio times its packed size (a guard against ZIP bombs).</source>
        <translation>Ein Archiveintrag, der entpackt größer ist als dieser Wert, darf höchstens das maximale Verhältnis mal seine gepackte Größe erreichen (ein Schutz gegen ZIP-Bomben).</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Beliebiger freier Port</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Serve the REST API</source>
        <translation>REST-API be&amp;reitstellen</translation>
    </message>
    <message>
        <source>0 lets the system choose a free port each time the server starts.</source>
        <translation>Bei 0 wählt das System bei jedem Start des Servers einen freien Port.</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <source>Listening &amp;at:</source>
        <translation>Erreichbar &amp;unter:</translation>
    </message>
    <message>
        <source>The server listens on 127.0.0.1 only: programs on this computer can reach it, other computers cannot. It uses this window&apos;s storage and accounts; sign in with POST /api/v1/auth/login. For a server on the network, run &quot;fabrica serve&quot;.</source>
        <translation>Der Server lauscht nur auf 127.0.0.1: Programme auf diesem Computer erreichen ihn, andere Computer nicht. Er verwendet den Datenspeicher und die Konten dieses Fensters; melden Sie sich mit POST /api/v1/auth/login an. Für einen Server im Netzwerk führen Sie &quot;fabrica serve&quot; aus.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird beendet…</translation>
    </message>
</context>
<context>
    <name>fabrica::Shard</name>
    <message>
        <source>the number of shards must be from 1 to %1, found %2</source>
        <translation>die Anzahl der Teile muss zwischen 1 und %1 liegen, gefunden: %2</translation>
    </message>
    <message>
        <source>shard %1/%2 does not exist: K in K/N counts from 1 to N (for Kubernetes&apos; JOB_COMPLETION_INDEX, which counts from 0, K is the index + 1)</source>
        <translation>Teil %1/%2 gibt es nicht: K in K/N zählt von 1 bis N (für JOB_COMPLETION_INDEX von Kubernetes, der ab 0 zählt, ist K der Index + 1)</translation>
    </message>
    <message>
        <source>a shard is K/N, the K-th of N parts counted from 1 (such as 2/7), found &quot;%1&quot;</source>
        <translation>ein Teil wird als K/N angegeben, der K-te von N Teilen ab 1 gezählt (etwa 2/7), gefunden: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a shard is {&quot;index&quot;: K, &quot;count&quot;: N} or &quot;K/N&quot;, with whole numbers K from 1 to N</source>
        <translation>ein Teil ist {&quot;index&quot;: K, &quot;count&quot;: N} oder &quot;K/N&quot;, mit ganzen Zahlen K von 1 bis N</translation>
    </message>
</context>
<context>
    <name>fabrica::SignInDialog</name>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
</context>
<context>
    <name>fabrica::SizeLimit</name>
    <message numerus="yes">
        <source>the column is unique and holds at most %n character(s), but type %1 makes &quot;%2&quot; (row %3); unique values are never shortened, as that could repeat them: choose a type with shorter values (e.g. a pattern), widen the column, or generate fewer rows</source>
        <translation>
            <numerusform>die Spalte ist eindeutig und fasst höchstens %n Zeichen, aber Typ %1 erzeugt &quot;%2&quot; (Zeile %3); eindeutige Werte werden nie gekürzt, da sie sich dadurch wiederholen könnten: wählen Sie einen Typ mit kürzeren Werten (z. B. ein pattern), verbreitern Sie die Spalte oder erzeugen Sie weniger Zeilen</numerusform>
            <numerusform>die Spalte ist eindeutig und fasst höchstens %n Zeichen, aber Typ %1 erzeugt &quot;%2&quot; (Zeile %3); eindeutige Werte werden nie gekürzt, da sie sich dadurch wiederholen könnten: wählen Sie einen Typ mit kürzeren Werten (z. B. ein pattern), verbreitern Sie die Spalte oder erzeugen Sie weniger Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>the column is unique and its SQL type %1 holds no value %2 (row %3 of type %4); unique values are never changed, as that could repeat them: generate fewer rows, or widen the column&apos;s SQL type</source>
        <translation>die Spalte ist eindeutig und ihr SQL-Typ %1 fasst den Wert %2 nicht (Zeile %3 von Typ %4); eindeutige Werte werden nie verändert, da sie sich dadurch wiederholen könnten: erzeugen Sie weniger Zeilen oder erweitern Sie den SQL-Typ der Spalte</translation>
    </message>
</context>
<context>
    <name>fabrica::SqlIdentifier</name>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>table name is empty</source>
        <translation>der Tabellenname ist leer</translation>
    </message>
    <message>
        <source>column name is empty</source>
        <translation>der Spaltenname ist leer</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains the control character %2 at position %3</source>
        <translation>der Name &quot;%1&quot; enthält das Steuerzeichen %2 an Position %3</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; starts with white space</source>
        <translation>der Name &quot;%1&quot; beginnt mit Leerraum</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; ends with white space</source>
        <translation>der Name &quot;%1&quot; endet mit Leerraum</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains a double quote</source>
        <translation>der Name &quot;%1&quot; enthält ein doppeltes Anführungszeichen</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains a backtick</source>
        <translation>der Name &quot;%1&quot; enthält einen Backtick</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; contains &apos;.&apos;, which SQL tools read as a schema qualifier</source>
        <translation>der Name &quot;%1&quot; enthält einen Punkt (&apos;.&apos;), den SQL-Werkzeuge als Schema-Qualifizierer lesen</translation>
    </message>
    <message>
        <source>table name &quot;%1&quot; starts with &quot;sqlite_&quot;, which SQLite reserves for its own tables</source>
        <translation>der Tabellenname &quot;%1&quot; beginnt mit &quot;sqlite_&quot;; dieses Präfix reserviert SQLite für eigene Tabellen</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; is %2 bytes long in UTF-8; PostgreSQL keeps only the first 63 bytes: &quot;%3&quot;</source>
        <translation>der Name &quot;%1&quot; ist in UTF-8 %2 Bytes lang; PostgreSQL behält nur die ersten 63 Bytes: &quot;%3&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a reserved word in %2; Fabrica quotes it, but hand-written SQL must too</source>
        <translation>&quot;%1&quot; ist ein reserviertes Wort in %2; Fabrica setzt es in Anführungszeichen, handgeschriebenes SQL muss das ebenfalls tun</translation>
    </message>
</context>
<context>
    <name>fabrica::SqlRepository</name>
    <message>
        <source>this needs an administrator</source>
        <translation>dafür sind Administratorrechte erforderlich</translation>
    </message>
    <message>
        <source>cannot read the user</source>
        <translation>der Benutzer kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>no such user</source>
        <translation>diesen Benutzer gibt es nicht</translation>
    </message>
    <message>
        <source>cannot read the users</source>
        <translation>die Benutzer können nicht gelesen werden</translation>
    </message>
    <message>
        <source>the user name &quot;%1&quot; is taken</source>
        <translation>der Benutzername &quot;%1&quot; ist bereits vergeben</translation>
    </message>
    <message>
        <source>cannot create the user</source>
        <translation>der Benutzer kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot count the administrators</source>
        <translation>die Administratoren können nicht gezählt werden</translation>
    </message>
    <message>
        <source>cannot count the users</source>
        <translation>die Benutzer können nicht gezählt werden</translation>
    </message>
    <message>
        <source>%1 is the last administrator; make another user an administrator first</source>
        <translation>%1 ist der letzte Administrator; machen Sie zuerst einen anderen Benutzer zum Administrator</translation>
    </message>
    <message>
        <source>cannot update the user</source>
        <translation>der Benutzer kann nicht aktualisiert werden</translation>
    </message>
    <message>
        <source>%1 is the last administrator and cannot be deleted</source>
        <translation>%1 ist der letzte Administrator und kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>cannot delete the user</source>
        <translation>der Benutzer kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>cannot read the schemas</source>
        <translation>die Schemas können nicht gelesen werden</translation>
    </message>
    <message>
        <source>a schema called &quot;%1&quot; exists already</source>
        <translation>ein Schema namens &quot;%1&quot; ist bereits vorhanden</translation>
    </message>
    <message>
        <source>cannot replace the schema</source>
        <translation>das Schema kann nicht ersetzt werden</translation>
    </message>
    <message>
        <source>cannot save the schema</source>
        <translation>das Schema kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>no schema with id %1</source>
        <translation>kein Schema mit der ID %1</translation>
    </message>
    <message>
        <source>cannot read the schema</source>
        <translation>das Schema kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot read the schema&apos;s tables</source>
        <translation>die Tabellen des Schemas können nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot read the columns</source>
        <translation>die Spalten können nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot read the samples</source>
        <translation>die Beispielwerte können nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot delete the schema</source>
        <translation>das Schema kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>cannot record the run</source>
        <translation>der Lauf kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>cannot read the run</source>
        <translation>der Lauf kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>no run with id %1</source>
        <translation>kein Lauf mit der ID %1</translation>
    </message>
    <message>
        <source>cannot record the end of the run</source>
        <translation>das Ende des Laufs kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>cannot read the runs</source>
        <translation>die Läufe können nicht gelesen werden</translation>
    </message>
    <message>
        <source>the run&apos;s schema has no table &quot;%1&quot;</source>
        <translation>das Schema des Laufs hat keine Tabelle &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot read the stored rows</source>
        <translation>die gespeicherten Zeilen können nicht gelesen werden</translation>
    </message>
    <message>
        <source>users exist already; an administrator adds further users</source>
        <translation>es gibt bereits Benutzer; weitere Benutzer legt ein Administrator an</translation>
    </message>
    <message>
        <source>the schema has two tables called &quot;%1&quot;; rename one</source>
        <translation>das Schema hat zwei Tabellen namens &quot;%1&quot;; benennen Sie eine davon um</translation>
    </message>
    <message>
        <source>table %1 has two columns called &quot;%2&quot;; rename one</source>
        <translation>die Tabelle %1 hat zwei Spalten namens &quot;%2&quot;; benennen Sie eine davon um</translation>
    </message>
    <message>
        <source>cannot save the tables of schema &quot;%1&quot;</source>
        <translation>die Tabellen des Schemas &quot;%1&quot; können nicht gespeichert werden</translation>
    </message>
    <message>
        <source>cannot delete the run</source>
        <translation>der Lauf kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>run %1 is still running; cancel it first</source>
        <translation>Lauf %1 läuft noch; brechen Sie ihn zuerst ab</translation>
    </message>
    <message>
        <source>cannot claim a queued run</source>
        <translation>ein wartender Lauf kann nicht übernommen werden</translation>
    </message>
    <message>
        <source>cannot record the progress of run %1</source>
        <translation>der Fortschritt von Lauf %1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>cannot record that the runs are alive</source>
        <translation>dass die Läufe noch leben, kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>cannot cancel run %1</source>
        <translation>Lauf %1 kann nicht abgebrochen werden</translation>
    </message>
    <message>
        <source>run %1 has ended already</source>
        <translation>Lauf %1 ist bereits beendet</translation>
    </message>
    <message>
        <source>the instance running it stopped answering</source>
        <translation>die Instanz, die ihn ausführte, antwortet nicht mehr</translation>
    </message>
    <message>
        <source>cannot fail the stale runs</source>
        <translation>die verwaisten Läufe können nicht als fehlgeschlagen markiert werden</translation>
    </message>
    <message>
        <source>cannot count the runs</source>
        <translation>die Läufe können nicht gezählt werden</translation>
    </message>
    <message>
        <source>schema %1 was changed meanwhile; read it again and repeat the change</source>
        <translation>Schema %1 wurde inzwischen geändert; lesen Sie es erneut und wiederholen Sie die Änderung</translation>
    </message>
    <message>
        <source>no table with id %1</source>
        <translation>keine Tabelle mit der ID %1</translation>
    </message>
    <message>
        <source>no column with id %1</source>
        <translation>keine Spalte mit der ID %1</translation>
    </message>
</context>
<context>
    <name>fabrica::SqlTokenizer</name>
    <message>
        <source>unterminated comment: &apos;/*&apos; without &apos;*/&apos;</source>
        <translation>nicht abgeschlossener Kommentar: &apos;/*&apos; ohne &apos;*/&apos;</translation>
    </message>
    <message>
        <source>unterminated quoted name: %1 without a closing %2</source>
        <translation>nicht abgeschlossener Name in Anführungszeichen: %1 ohne schließendes %2</translation>
    </message>
    <message>
        <source>unterminated string: %1 without a closing %1</source>
        <translation>nicht abgeschlossene Zeichenkette: %1 ohne schließendes %1</translation>
    </message>
    <message>
        <source>unterminated dollar-quoted string: %1 without a closing %1</source>
        <translation>nicht abgeschlossene Dollar-Quoting-Zeichenkette: %1 ohne schließendes %1</translation>
    </message>
</context>
<context>
    <name>fabrica::SqliteBackup</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is damaged (%2)</source>
        <translation>%1 ist beschädigt (%2)</translation>
    </message>
    <message>
        <source>%1 is damaged (integrity_check: %2)</source>
        <translation>%1 ist beschädigt (integrity_check: %2)</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>%1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1 is a SQLite database but holds no Fabrica storage (no schema_version table)</source>
        <translation>%1 ist eine SQLite-Datenbank, enthält aber keinen Fabrica-Datenspeicher (keine Tabelle schema_version)</translation>
    </message>
    <message>
        <source>the storage connection is not a SQLite connection</source>
        <translation>die Verbindung zum Datenspeicher ist keine SQLite-Verbindung</translation>
    </message>
    <message>
        <source>the storage connection is closed</source>
        <translation>die Verbindung zum Datenspeicher ist geschlossen</translation>
    </message>
    <message>
        <source>cannot read the SQLite version</source>
        <translation>die SQLite-Version kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Qt&apos;s SQLite driver uses SQLite %1, Fabrica is linked with SQLite %2: the backup needs both to be the same library (build Qt with the system SQLite)</source>
        <translation>der SQLite-Treiber von Qt verwendet SQLite %1, Fabrica ist mit SQLite %2 gebunden: die Sicherung braucht für beide dieselbe Bibliothek (bauen Sie Qt mit dem SQLite des Systems)</translation>
    </message>
    <message>
        <source>the database stayed locked by another connection for 30 seconds</source>
        <translation>die Datenbank blieb 30 Sekunden lang von einer anderen Verbindung gesperrt</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>the backup failed</source>
        <translation>die Sicherung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot finish the backup</source>
        <translation>die Sicherung kann nicht abgeschlossen werden</translation>
    </message>
    <message>
        <source>the backup</source>
        <translation>die Sicherung</translation>
    </message>
    <message>
        <source>the restore failed</source>
        <translation>das Zurückspielen ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>fabrica::SqliteGeneratedDataSink</name>
    <message>
        <source>cannot store the generated data</source>
        <translation>die erzeugten Daten können nicht gespeichert werden</translation>
    </message>
    <message>
        <source>cannot store row %1 of table %2</source>
        <translation>Zeile %1 der Tabelle %2 kann nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>fabrica::SqliteTargetSink</name>
    <message>
        <source>cannot list the tables of the target database</source>
        <translation>die Tabellen der Zieldatenbank können nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>cannot read the columns of table %1</source>
        <translation>die Spalten der Tabelle %1 können nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>fabrica::StorageArgument</name>
    <message>
        <source>Fabrica&apos;s storage: sqlite:FILE or postgresql://user@host:port/db (default: %1).</source>
        <translation>Der Datenspeicher von Fabrica: sqlite:FILE oder postgresql://user@host:port/db (Standard: %1).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
</context>
<context>
    <name>fabrica::StorageBackup</name>
    <message>
        <source>there is no file %1</source>
        <translation>es gibt keine Datei %1</translation>
    </message>
    <message>
        <source>%1 is a folder, not a backup file</source>
        <translation>%1 ist ein Ordner, keine Sicherungsdatei</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 looks like a plain SQL script: fabrica restore reads what fabrica backup writes, a SQLite database file or a pg_dump custom-format archive (pg_dump -Fc)</source>
        <translation>%1 sieht wie ein einfaches SQL-Skript aus: fabrica restore liest, was fabrica backup schreibt, eine SQLite-Datenbankdatei oder ein pg_dump-Archiv im Custom-Format (pg_dump -Fc)</translation>
    </message>
    <message>
        <source>%1 is not a Fabrica backup: it is neither a SQLite database file nor a pg_dump custom-format archive</source>
        <translation>%1 ist keine Fabrica-Sicherung: weder eine SQLite-Datenbankdatei noch ein pg_dump-Archiv im Custom-Format</translation>
    </message>
    <message>
        <source>SQLite backup</source>
        <translation>SQLite-Sicherung</translation>
    </message>
    <message>
        <source>PostgreSQL dump</source>
        <translation>PostgreSQL-Dump</translation>
    </message>
    <message>
        <source>cannot count what the storage holds</source>
        <translation>der Inhalt des Datenspeichers kann nicht gezählt werden</translation>
    </message>
    <message>
        <source>Fabrica&apos;s storage lives in SQLite or PostgreSQL, not MySQL</source>
        <translation>der Datenspeicher von Fabrica liegt in SQLite oder PostgreSQL, nicht in MySQL</translation>
    </message>
    <message>
        <source>there is no storage at %1</source>
        <translation>unter %1 gibt es keinen Datenspeicher</translation>
    </message>
    <message>
        <source>%1 is a folder; name the backup file</source>
        <translation>%1 ist ein Ordner; nennen Sie die Sicherungsdatei</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>der Ordner %1 existiert nicht</translation>
    </message>
    <message>
        <source>%1 is the storage itself; name another file</source>
        <translation>%1 ist der Datenspeicher selbst; nennen Sie eine andere Datei</translation>
    </message>
    <message>
        <source>cannot write in %1: %2</source>
        <translation>in %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no Fabrica storage (no schema_version table)</source>
        <translation>%1 enthält keinen Fabrica-Datenspeicher (keine Tabelle schema_version)</translation>
    </message>
    <message>
        <source>cannot rename the finished backup to %1: %2</source>
        <translation>die fertige Sicherung kann nicht in %1 umbenannt werden: %2</translation>
    </message>
    <message>
        <source>%1 is a backup of SQLite storage, but %2 is PostgreSQL: restore it into SQLite storage (--database sqlite:FILE)</source>
        <translation>%1 ist eine Sicherung eines SQLite-Datenspeichers, aber %2 ist PostgreSQL: spielen Sie sie in einen SQLite-Datenspeicher zurück (--database sqlite:DATEI)</translation>
    </message>
    <message>
        <source>%1 is a pg_dump archive of PostgreSQL storage, but %2 is SQLite: restore it into PostgreSQL storage (--database postgresql://user@host/database)</source>
        <translation>%1 ist ein pg_dump-Archiv eines PostgreSQL-Datenspeichers, aber %2 ist SQLite: spielen Sie es in einen PostgreSQL-Datenspeicher zurück (--database postgresql://user@host/datenbank)</translation>
    </message>
    <message>
        <source>%1 is the target storage itself</source>
        <translation>%1 ist der Ziel-Datenspeicher selbst</translation>
    </message>
    <message>
        <source>%1 holds storage version %2, made by a newer Fabrica (this one knows up to %3): restore it with that Fabrica or a newer one</source>
        <translation>%1 enthält die Datenspeicher-Version %2, erstellt von einer neueren Fabrica (diese kennt bis %3): spielen Sie sie mit jener Fabrica oder einer neueren zurück</translation>
    </message>
    <message>
        <source>%1 is not empty (users: %2, schemas: %3, runs: %4): a backup is restored into an empty storage; to replace this one with the backup, restore with --force</source>
        <translation>%1 ist nicht leer (Benutzer: %2, Schemas: %3, Läufe: %4): eine Sicherung wird in einen leeren Datenspeicher zurückgespielt; um diesen durch die Sicherung zu ersetzen, spielen Sie mit --force zurück</translation>
    </message>
</context>
<context>
    <name>fabrica::StoragePage</name>
    <message>
        <source>Fabrica keeps its users, schemas and runs in this database.</source>
        <translation>Fabrica legt seine Benutzer, Schemas und Läufe in dieser Datenbank ab.</translation>
    </message>
    <message>
        <source>&amp;Default file</source>
        <translation>&amp;Standarddatei</translation>
    </message>
    <message>
        <source>S&amp;QLite file:</source>
        <translation>S&amp;QLite-Datei:</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>&amp;PostgreSQL:</source>
        <translation>&amp;PostgreSQL:</translation>
    </message>
    <message>
        <source>A password typed here is saved encrypted, never in the settings file; PostgreSQL also reads PGPASSWORD and ~/.pgpass.</source>
        <translation>Ein hier eingegebenes Passwort wird verschlüsselt gespeichert, nie in der Einstellungsdatei; PostgreSQL liest außerdem PGPASSWORD und ~/.pgpass.</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Connects to the database and reads its storage version.</source>
        <translation>Verbindet sich mit der Datenbank und liest die Version ihres Datenspeichers.</translation>
    </message>
    <message>
        <source>&amp;Migrate</source>
        <translation>&amp;Migrieren</translation>
    </message>
    <message>
        <source>Creates or upgrades Fabrica&apos;s tables in the database.</source>
        <translation>Legt die Tabellen von Fabrica in der Datenbank an oder aktualisiert sie.</translation>
    </message>
    <message>
        <source>Fabrica opens the new storage at the next start; until then the window keeps working with the current one.</source>
        <translation>Fabrica öffnet den neuen Datenspeicher beim nächsten Start; bis dahin arbeitet das Fenster mit dem aktuellen weiter.</translation>
    </message>
    <message>
        <source>FABRICA_DATABASE is set, so Fabrica opens %1 whatever is chosen here.</source>
        <translation>FABRICA_DATABASE ist gesetzt, daher öffnet Fabrica %1, unabhängig davon, was hier gewählt ist.</translation>
    </message>
    <message>
        <source>Choose the SQLite file.</source>
        <translation>Wählen Sie die SQLite-Datei.</translation>
    </message>
    <message>
        <source>Give the full path of the SQLite file, e.g. %1.</source>
        <translation>Geben Sie den vollständigen Pfad der SQLite-Datei an, z. B. %1.</translation>
    </message>
    <message>
        <source>Enter the URL of the PostgreSQL database, e.g. postgresql://user@host:5432/fabrica.</source>
        <translation>Geben Sie die URL der PostgreSQL-Datenbank ein, z. B. postgresql://user@host:5432/fabrica.</translation>
    </message>
    <message>
        <source>This field takes a postgresql:// URL; for a file choose “SQLite file”.</source>
        <translation>Dieses Feld erwartet eine postgresql://-URL; für eine Datei wählen Sie „SQLite-Datei“.</translation>
    </message>
    <message>
        <source>SQLite File</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.sqlite3 *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Migrating…</source>
        <translation>Migration läuft…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message numerus="yes">
        <source>Applied %n migration(s) to %1; the storage is at version %2.</source>
        <translation>
            <numerusform>%n Migration auf %1 angewendet; der Datenspeicher hat jetzt Version %2.</numerusform>
            <numerusform>%n Migrationen auf %1 angewendet; der Datenspeicher hat jetzt Version %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected to %1. It holds no Fabrica tables yet; Migrate creates them (version %2).</source>
        <translation>Verbunden mit %1. Die Datenbank enthält noch keine Tabellen von Fabrica; „Migrieren“ legt sie an (Version %2).</translation>
    </message>
    <message>
        <source>Connected to %1 at storage version %2. This Fabrica uses version %3; Migrate brings it up to date.</source>
        <translation>Verbunden mit %1, Datenspeicher in Version %2. Diese Fabrica-Version verwendet Version %3; „Migrieren“ bringt ihn auf den neuesten Stand.</translation>
    </message>
    <message>
        <source>Connected to %1 at storage version %2, newer than this Fabrica (version %3) knows.</source>
        <translation>Verbunden mit %1, Datenspeicher in Version %2; diese ist neuer, als diese Fabrica-Version (Version %3) kennt.</translation>
    </message>
    <message>
        <source>Connected to %1 at storage version %2, up to date.</source>
        <translation>Verbunden mit %1, Datenspeicher in Version %2, auf dem neuesten Stand.</translation>
    </message>
</context>
<context>
    <name>fabrica::StoredRunExport</name>
    <message>
        <source>the run&apos;s schema no longer compiles: %1</source>
        <translation>das Schema des Laufs ist nicht mehr verwendbar: %1</translation>
    </message>
    <message>
        <source>the run stored only %1 of the %2 rows of %3</source>
        <translation>der Lauf hat nur %1 der %2 Zeilen von %3 gespeichert</translation>
    </message>
    <message>
        <source>run %1 kept no rows in storage; its data went to %2</source>
        <translation>Lauf %1 hat keine Zeilen im Datenspeicher abgelegt; seine Daten gingen nach %2</translation>
    </message>
    <message>
        <source>run %1 did not finish, so it has no rows to export</source>
        <translation>Lauf %1 wurde nicht abgeschlossen und hat daher keine Zeilen zum Exportieren</translation>
    </message>
    <message>
        <source>the export was cancelled</source>
        <translation>der Export wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>fabrica::StoredRunView</name>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
    <message>
        <source>&amp;Go to row:</source>
        <translation>Gehe zu &amp;Zeile:</translation>
    </message>
    <message>
        <source>Cannot read the stored rows: %1</source>
        <translation>Die gespeicherten Zeilen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>There is no storage to read run %1 from.</source>
        <translation>Es gibt keinen Datenspeicher, aus dem Lauf %1 gelesen werden könnte.</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Cannot open the run: %1</source>
        <translation>Der Lauf kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Run %1 kept no rows in storage.</source>
        <translation>Lauf %1 hat keine Zeilen im Datenspeicher abgelegt.</translation>
    </message>
    <message>
        <source>Run %1 of %2, seed %3</source>
        <translation>Lauf %1 von %2, Startwert %3</translation>
    </message>
    <message>
        <source>%1 (%2 rows)</source>
        <translation>%1 (%2 Zeilen)</translation>
    </message>
    <message>
        <source>%1 rows, %2 columns</source>
        <translation>%1 Zeilen, %2 Spalten</translation>
    </message>
</context>
<context>
    <name>fabrica::SystemError</name>
    <message>
        <source>a file of that name is in the way: %1</source>
        <translation>eine Datei dieses Namens steht im Weg: %1</translation>
    </message>
    <message>
        <source>the system gave no reason</source>
        <translation>das System hat keinen Grund angegeben</translation>
    </message>
</context>
<context>
    <name>fabrica::TableEditor</name>
    <message>
        <source>e.g. orders</source>
        <translation>z. B. orders</translation>
    </message>
    <message>
        <source>What the table holds (optional)</source>
        <translation>Was die Tabelle enthält (optional)</translation>
    </message>
    <message>
        <source>How many rows to generate for this table</source>
        <translation>Wie viele Zeilen für diese Tabelle erzeugt werden</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Rows:</source>
        <translation>&amp;Zeilen:</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Add column</source>
        <translation>Spalte hinzufügen</translation>
    </message>
    <message>
        <source>Add a column after the selected one</source>
        <translation>Eine Spalte nach der ausgewählten hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Duplicate the selected columns</source>
        <translation>Die ausgewählten Spalten duplizieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected columns</source>
        <translation>Die ausgewählten Spalten löschen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move the selected columns up</source>
        <translation>Die ausgewählten Spalten nach oben verschieben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Move the selected columns down</source>
        <translation>Die ausgewählten Spalten nach unten verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n column(s)</source>
        <translation>
            <numerusform>%n Spalte duplizieren</numerusform>
            <numerusform>%n Spalten duplizieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n column(s)</source>
        <translation>
            <numerusform>%n Spalte löschen</numerusform>
            <numerusform>%n Spalten löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n column(s)</source>
        <translation>
            <numerusform>%n Spalte verschieben</numerusform>
            <numerusform>%n Spalten verschieben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::TableRoutes</name>
    <message>
        <source>Column id %1 is not a column of table %2 (or is given twice); leave the id out for a new column.</source>
        <translation>Die Spalten-ID %1 gehört zu keiner Spalte der Tabelle %2 (oder ist doppelt angegeben); lassen Sie die ID bei einer neuen Spalte weg.</translation>
    </message>
    <message>
        <source>&quot;position&quot; must be less than the number of tables, %1.</source>
        <translation>&quot;position&quot; muss kleiner als die Anzahl der Tabellen (%1) sein.</translation>
    </message>
</context>
<context>
    <name>fabrica::TemplateSyntax</name>
    <message>
        <source>a &apos;}&apos; without its &apos;{&apos; (write &quot;}}&quot; for a literal brace)</source>
        <translation>eine &apos;}&apos; ohne zugehörige &apos;{&apos; (schreiben Sie &quot;}}&quot; für eine geschweifte Klammer als Text)</translation>
    </message>
    <message>
        <source>a &apos;{&apos; without its &apos;}&apos; (write &quot;{{&quot; for a literal brace)</source>
        <translation>eine &apos;{&apos; ohne zugehörige &apos;}&apos; (schreiben Sie &quot;{{&quot; für eine geschweifte Klammer als Text)</translation>
    </message>
    <message>
        <source>an empty placeholder &quot;{}&quot;: name a column or a data type</source>
        <translation>ein leerer Platzhalter &quot;{}&quot;: geben Sie eine Spalte oder einen Datentyp an</translation>
    </message>
    <message>
        <source>unknown filter &quot;%1&quot; (filters: %2)</source>
        <translation>unbekannter Filter &quot;%1&quot; (Filter: %2)</translation>
    </message>
</context>
<context>
    <name>fabrica::Terminal</name>
    <message>
        <source>%1: no terminal to ask for the password; use --password-stdin</source>
        <translation>%1: kein Terminal, um nach dem Passwort zu fragen; verwenden Sie --password-stdin</translation>
    </message>
    <message>
        <source>The same password again: </source>
        <translation>Dasselbe Passwort noch einmal: </translation>
    </message>
    <message>
        <source>%1: the passwords differ; nothing was changed</source>
        <translation>%1: die Passwörter stimmen nicht überein; es wurde nichts geändert</translation>
    </message>
</context>
<context>
    <name>fabrica::TextField</name>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
</context>
<context>
    <name>fabrica::TokenService</name>
    <message>
        <source>the token signing secret must have at least %1 bytes</source>
        <translation>das Geheimnis zum Signieren der Token muss mindestens %1 Bytes lang sein</translation>
    </message>
    <message>
        <source>the sign-in lifetime must be positive</source>
        <translation>die Gültigkeitsdauer der Anmeldung muss positiv sein</translation>
    </message>
    <message>
        <source>cannot issue a sign-in token for this user</source>
        <translation>für diesen Benutzer kann kein Anmelde-Token ausgestellt werden</translation>
    </message>
    <message>
        <source>cannot issue a sign-in token</source>
        <translation>es kann kein Anmelde-Token ausgestellt werden</translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation>der Zufallszahlengenerator des Systems ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the sign-in is not valid; sign in again</source>
        <translation>die Anmeldung ist ungültig; melden Sie sich erneut an</translation>
    </message>
    <message>
        <source>the sign-in has expired; sign in again</source>
        <translation>die Anmeldung ist abgelaufen; melden Sie sich erneut an</translation>
    </message>
</context>
<context>
    <name>fabrica::Transaction</name>
    <message>
        <source>cannot start a transaction</source>
        <translation>es kann keine Transaktion gestartet werden</translation>
    </message>
    <message>
        <source>commit without a transaction</source>
        <translation>Commit ohne Transaktion</translation>
    </message>
    <message>
        <source>the transaction was rolled back</source>
        <translation>die Transaktion wurde zurückgesetzt</translation>
    </message>
</context>
<context>
    <name>fabrica::TypePicker</name>
    <message>
        <source>Type to search…</source>
        <translation>Zum Suchen tippen…</translation>
    </message>
    <message>
        <source>Show all types</source>
        <translation>Alle Typen anzeigen</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Zahlen</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Logic</source>
        <translation>Logik</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation>Kennungen</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Internet</source>
        <translation>Internet</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Finanzen</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>No type matches</source>
        <translation>Kein passender Typ</translation>
    </message>
</context>
<context>
    <name>fabrica::TypeRegistry</name>
    <message>
        <source>Common key &apos;%1&apos;</source>
        <translation>Gemeinsamer Schlüssel &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;, key &apos;%2&apos;</source>
        <translation>Typ &apos;%1&apos;, Schlüssel &apos;%2&apos;</translation>
    </message>
    <message>
        <source>Common key %1</source>
        <translation>Gemeinsamer Schlüssel %1</translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;, key %2</source>
        <translation>Typ &apos;%1&apos;, Schlüssel %2</translation>
    </message>
    <message>
        <source>Type &apos;%1&apos;</source>
        <translation>Typ &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: not a JSON object.</source>
        <translation>%1: Kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>%1: the name is missing.</source>
        <translation>%1: Der Name fehlt.</translation>
    </message>
    <message>
        <source>%1: the name %2 is not an identifier (a lower-case letter, then letters and digits).</source>
        <translation>%1: Der Name %2 ist kein Bezeichner (ein Kleinbuchstabe, gefolgt von Buchstaben und Ziffern).</translation>
    </message>
    <message>
        <source>%1: unknown field %2.</source>
        <translation>%1: Unbekanntes Feld %2.</translation>
    </message>
    <message>
        <source>%1: the kind is missing.</source>
        <translation>%1: Die Wertart fehlt.</translation>
    </message>
    <message>
        <source>%1: unknown kind %2; the kinds are %3.</source>
        <translation>%1: Unbekannte Wertart %2; die Wertarten sind %3.</translation>
    </message>
    <message>
        <source>%1: the description is missing.</source>
        <translation>%1: Die Beschreibung fehlt.</translation>
    </message>
    <message>
        <source>%1: &quot;required&quot; must be true or false.</source>
        <translation>%1: &quot;required&quot; muss true oder false sein.</translation>
    </message>
    <message>
        <source>%1: a choice key needs &quot;choices&quot;, a list of distinct strings.</source>
        <translation>%1: Ein Auswahlschlüssel benötigt &quot;choices&quot;, eine Liste unterschiedlicher Zeichenketten.</translation>
    </message>
    <message>
        <source>%1: &quot;choices&quot; is only allowed on choice keys.</source>
        <translation>%1: &quot;choices&quot; ist nur bei Auswahlschlüsseln erlaubt.</translation>
    </message>
    <message>
        <source>%1: &quot;minimum&quot; and &quot;maximum&quot; are only allowed on integer and number keys.</source>
        <translation>%1: &quot;minimum&quot; und &quot;maximum&quot; sind nur bei Ganzzahl- und Zahlenschlüsseln erlaubt.</translation>
    </message>
    <message>
        <source>%1: %2 must be a number.</source>
        <translation>%1: %2 muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>%1: the minimum %2 is greater than the maximum %3.</source>
        <translation>%1: Das Minimum %2 ist größer als das Maximum %3.</translation>
    </message>
    <message>
        <source>%1: a required key must not have a default.</source>
        <translation>%1: Ein Pflichtschlüssel darf keinen Standardwert haben.</translation>
    </message>
    <message>
        <source>%1: the default %2 is not a valid %3.</source>
        <translation>%1: Der Standardwert %2 ist kein gültiger Wert vom Typ %3.</translation>
    </message>
    <message>
        <source>%1: the default %2 is not one of the choices (%3).</source>
        <translation>%1: Der Standardwert %2 gehört nicht zu den Auswahlwerten (%3).</translation>
    </message>
    <message>
        <source>%1: the default %2 is less than the minimum %3.</source>
        <translation>%1: Der Standardwert %2 ist kleiner als das Minimum %3.</translation>
    </message>
    <message>
        <source>%1: the default %2 is greater than the maximum %3.</source>
        <translation>%1: Der Standardwert %2 ist größer als das Maximum %3.</translation>
    </message>
    <message>
        <source>%1: the key is defined twice.</source>
        <translation>%1: Der Schlüssel ist doppelt definiert.</translation>
    </message>
    <message>
        <source>%1: the kind %2 differs from the kind %3 of the common key.</source>
        <translation>%1: Die Wertart %2 weicht von der Wertart %3 des gemeinsamen Schlüssels ab.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 is missing.</source>
        <translation>%1: Der SQL-Typ für %2 fehlt.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 has unpaired braces.</source>
        <translation>%1: Der SQL-Typ für %2 enthält geschweifte Klammern ohne Gegenstück.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which is not a key of the type.</source>
        <translation>%1: Der SQL-Typ für %2 verwendet %3, aber der Typ hat keinen solchen Schlüssel.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which is not an integer or number key.</source>
        <translation>%1: Der SQL-Typ für %2 verwendet %3, aber das ist kein Ganzzahl- oder Zahlenschlüssel.</translation>
    </message>
    <message>
        <source>%1: the SQL type for %2 uses %3, which has no default.</source>
        <translation>%1: Der SQL-Typ für %2 verwendet %3, aber dieser Schlüssel hat keinen Standardwert.</translation>
    </message>
    <message>
        <source>Type #%1</source>
        <translation>Typ #%1</translation>
    </message>
    <message>
        <source>%1: the id is missing.</source>
        <translation>%1: Die ID fehlt.</translation>
    </message>
    <message>
        <source>%1: the id %2 is not made of lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>%1: Die ID %2 besteht nicht aus Kleinbuchstaben, Ziffern und Unterstrichen mit einem Buchstaben am Anfang.</translation>
    </message>
    <message>
        <source>%1: %2 is missing.</source>
        <translation>%1: %2 fehlt.</translation>
    </message>
    <message>
        <source>%1: &quot;keyCapable&quot; must be true or false.</source>
        <translation>%1: &quot;keyCapable&quot; muss true oder false sein.</translation>
    </message>
    <message>
        <source>%1: a key-capable type needs a &quot;keyFamily&quot;.</source>
        <translation>%1: Ein schlüsselfähiger Typ benötigt eine &quot;keyFamily&quot;.</translation>
    </message>
    <message>
        <source>%1: &quot;keyFamily&quot; is only allowed on key-capable types.</source>
        <translation>%1: &quot;keyFamily&quot; ist nur bei schlüsselfähigen Typen erlaubt.</translation>
    </message>
    <message>
        <source>%1: &quot;keys&quot; must be an array.</source>
        <translation>%1: &quot;keys&quot; muss ein Array sein.</translation>
    </message>
    <message>
        <source>%1: &quot;sql&quot; must be an object with an SQL type per dialect.</source>
        <translation>%1: &quot;sql&quot; muss ein Objekt mit einem SQL-Typ pro Dialekt sein.</translation>
    </message>
    <message>
        <source>%1: SQL type for the unknown dialect %2.</source>
        <translation>%1: SQL-Typ für den unbekannten Dialekt %2.</translation>
    </message>
    <message>
        <source>The type registry is not valid JSON: %1 at offset %2.</source>
        <translation>Das Typverzeichnis ist kein gültiges JSON: %1 bei Offset %2.</translation>
    </message>
    <message>
        <source>The type registry must be a JSON object.</source>
        <translation>Das Typverzeichnis muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>The type registry has an unknown field %1.</source>
        <translation>Das Typverzeichnis enthält das unbekannte Feld %1.</translation>
    </message>
    <message>
        <source>The type registry needs an array %1.</source>
        <translation>Das Typverzeichnis benötigt ein Array %1.</translation>
    </message>
    <message>
        <source>The type registry defines no types.</source>
        <translation>Das Typverzeichnis definiert keine Typen.</translation>
    </message>
    <message>
        <source>%1: the id is already used by type #%2.</source>
        <translation>%1: Die ID wird bereits von Typ #%2 verwendet.</translation>
    </message>
</context>
<context>
    <name>fabrica::TypesCommand</name>
    <message>
        <source>List the data types and their constraint keys</source>
        <translation>Die Datentypen und ihre Constraint-Schlüssel auflisten</translation>
    </message>
    <message>
        <source>Print the full reference in Markdown (docs/data-types.md).</source>
        <translation>Die vollständige Referenz in Markdown ausgeben (docs/data-types.md).</translation>
    </message>
</context>
<context>
    <name>fabrica::UserRoutes</name>
    <message>
        <source>&quot;%1&quot; must be a string.</source>
        <translation>&quot;%1&quot; muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>&quot;role&quot; is &quot;admin&quot; or &quot;user&quot;, not &quot;%1&quot;.</source>
        <translation>&quot;role&quot; muss &quot;admin&quot; oder &quot;user&quot; sein, nicht &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;; this route takes %2.</source>
        <translation>Unbekanntes Feld &quot;%1&quot;; diese Route nimmt %2 an.</translation>
    </message>
    <message>
        <source>Only an administrator manages users; your own account is at %1/me.</source>
        <translation>Nur ein Administrator verwaltet Benutzer; Ihr eigenes Konto finden Sie unter %1/me.</translation>
    </message>
    <message>
        <source>Send &quot;username&quot; and &quot;password&quot; (and optionally &quot;email&quot; and &quot;role&quot;: &quot;user&quot; or &quot;admin&quot;).</source>
        <translation>Senden Sie &quot;username&quot; und &quot;password&quot; (und optional &quot;email&quot; und &quot;role&quot;: &quot;user&quot; oder &quot;admin&quot;).</translation>
    </message>
    <message>
        <source>&quot;enabled&quot; is true or false.</source>
        <translation>&quot;enabled&quot; muss true oder false sein.</translation>
    </message>
    <message>
        <source>Send at least one of &quot;role&quot;, &quot;enabled&quot;, &quot;email&quot; and &quot;password&quot;.</source>
        <translation>Senden Sie mindestens eines von &quot;role&quot;, &quot;enabled&quot;, &quot;email&quot; und &quot;password&quot;.</translation>
    </message>
</context>
<context>
    <name>fabrica::UsersCommand</name>
    <message>
        <source>Manage users: add, list, passwd, role, disable, enable, delete</source>
        <translation>Benutzer verwalten: add, list, passwd, role, disable, enable, delete</translation>
    </message>
    <message>
        <source>  add NAME [--admin] [--email ADDRESS]   create a user (the first one must be an --admin)
  list                                  list the users
  passwd NAME                           set a user&apos;s password
  role NAME admin|user                  set a user&apos;s role
  disable NAME, enable NAME             stop or allow a user&apos;s sign-in
  delete NAME                           delete a user and their schemas
Passwords are asked for on the terminal, or read as one line from standard input with --password-stdin.</source>
        <translation>  add NAME [--admin] [--email ADRESSE]  einen Benutzer anlegen (der erste muss ein --admin sein)
  list                                  die Benutzer auflisten
  passwd NAME                           das Passwort eines Benutzers festlegen
  role NAME admin|user                  die Rolle eines Benutzers festlegen
  disable NAME, enable NAME             die Anmeldung eines Benutzers sperren oder erlauben
  delete NAME                           einen Benutzer und seine Schemas löschen
Passwörter werden am Terminal abgefragt oder mit --password-stdin als eine Zeile von der Standardeingabe gelesen.</translation>
    </message>
    <message>
        <source>add: make the user an administrator.</source>
        <translation>add: den Benutzer zum Administrator machen.</translation>
    </message>
    <message>
        <source>add: the user&apos;s e-mail address.</source>
        <translation>add: die E-Mail-Adresse des Benutzers.</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADRESSE</translation>
    </message>
    <message>
        <source>Read the password as one line from standard input.</source>
        <translation>Das Passwort als eine Zeile von der Standardeingabe lesen.</translation>
    </message>
    <message>
        <source>What to do (see above).</source>
        <translation>Was zu tun ist (siehe oben).</translation>
    </message>
    <message>
        <source>ACTION [NAME] [ROLE]</source>
        <translation>AKTION [NAME] [ROLLE]</translation>
    </message>
    <message>
        <source>fabrica users: unexpected arguments; `fabrica users --help` lists the actions</source>
        <translation>fabrica users: unerwartete Argumente; `fabrica users --help` listet die Aktionen auf</translation>
    </message>
    <message>
        <source>fabrica users: %1</source>
        <translation>fabrica users: %1</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>Neues Passwort für %1: </translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>state</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>fabrica users: the first user must be an administrator; add --admin</source>
        <translation>fabrica users: der erste Benutzer muss ein Administrator sein; geben Sie --admin an</translation>
    </message>
    <message>
        <source>created %1 (%2), id %3</source>
        <translation>%1 (%2) angelegt, ID %3</translation>
    </message>
    <message>
        <source>no user called &quot;%1&quot;</source>
        <translation>kein Benutzer namens &quot;%1&quot;</translation>
    </message>
    <message>
        <source>password of %1 changed; their sessions have ended</source>
        <translation>Passwort von %1 geändert; die Sitzungen des Benutzers wurden beendet</translation>
    </message>
    <message>
        <source>fabrica users: the role is admin or user, not &quot;%1&quot;</source>
        <translation>fabrica users: die Rolle ist admin oder user, nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1 is now %2</source>
        <translation>%1 ist jetzt %2</translation>
    </message>
    <message>
        <source>%1 is disabled; their sessions have ended</source>
        <translation>%1 ist gesperrt; die Sitzungen des Benutzers wurden beendet</translation>
    </message>
    <message>
        <source>%1 may sign in again</source>
        <translation>%1 darf sich wieder anmelden</translation>
    </message>
    <message>
        <source>deleted %1 and their schemas</source>
        <translation>%1 und die zugehörigen Schemas gelöscht</translation>
    </message>
    <message>
        <source>fabrica users</source>
        <translation>fabrica users</translation>
    </message>
</context>
<context>
    <name>fabrica::UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>&amp;New User…</source>
        <translation>&amp;Neuer Benutzer…</translation>
    </message>
    <message>
        <source>Make &amp;Administrator</source>
        <translation>Zum &amp;Administrator machen</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>&amp;Reset Password…</source>
        <translation>Passwort &amp;zurücksetzen…</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Filter by name, e-mail, role or state</source>
        <translation>Nach Name, E-Mail, Rolle oder Status filtern</translation>
    </message>
    <message>
        <source>Make &amp;User</source>
        <translation>Zum &amp;Benutzer machen</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Change &amp;Password…</source>
        <translation>&amp;Passwort ändern…</translation>
    </message>
    <message>
        <source>Reading the users…</source>
        <translation>Die Benutzer werden gelesen…</translation>
    </message>
    <message>
        <source>Cannot list the users: %1</source>
        <translation>Die Benutzer können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Created the user %1.</source>
        <translation>Der Benutzer %1 wurde angelegt.</translation>
    </message>
    <message>
        <source>The role of %1 stays as it was: %2</source>
        <translation>Die Rolle von %1 bleibt unverändert: %2</translation>
    </message>
    <message>
        <source>%1 is an administrator now.</source>
        <translation>%1 ist jetzt Administrator.</translation>
    </message>
    <message>
        <source>%1 is a user now.</source>
        <translation>%1 ist jetzt Benutzer.</translation>
    </message>
    <message>
        <source>Changing the role…</source>
        <translation>Die Rolle wird geändert…</translation>
    </message>
    <message>
        <source>Give Up the Administrator Role</source>
        <translation>Administratorrolle abgeben</translation>
    </message>
    <message>
        <source>Make your own account, %1, a user? You can no longer manage users, and your session ends.</source>
        <translation>Ihr eigenes Konto %1 zum Benutzer machen? Sie können dann keine Benutzer mehr verwalten, und Ihre Sitzung endet.</translation>
    </message>
    <message>
        <source>Make Me a User</source>
        <translation>Mich zum Benutzer machen</translation>
    </message>
    <message>
        <source>%1 stays enabled: %2</source>
        <translation>%1 bleibt aktiv: %2</translation>
    </message>
    <message>
        <source>%1 stays disabled: %2</source>
        <translation>%1 bleibt gesperrt: %2</translation>
    </message>
    <message>
        <source>%1 is disabled and cannot sign in.</source>
        <translation>%1 ist gesperrt und kann sich nicht anmelden.</translation>
    </message>
    <message>
        <source>%1 is enabled and can sign in.</source>
        <translation>%1 ist entsperrt und kann sich anmelden.</translation>
    </message>
    <message>
        <source>Disabling the user…</source>
        <translation>Der Benutzer wird gesperrt…</translation>
    </message>
    <message>
        <source>Enabling the user…</source>
        <translation>Der Benutzer wird entsperrt…</translation>
    </message>
    <message>
        <source>Disable Your Account</source>
        <translation>Eigenes Konto sperren</translation>
    </message>
    <message>
        <source>Disable your own account, %1? Your session ends, and only another administrator can enable the account again.</source>
        <translation>Ihr eigenes Konto %1 sperren? Ihre Sitzung endet, und nur ein anderer Administrator kann das Konto wieder entsperren.</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>%1 has a new password.</source>
        <translation>%1 hat ein neues Passwort.</translation>
    </message>
    <message>
        <source>%1 was not deleted: %2</source>
        <translation>%1 wurde nicht gelöscht: %2</translation>
    </message>
    <message>
        <source>Deleted the user %1.</source>
        <translation>Der Benutzer %1 wurde gelöscht.</translation>
    </message>
    <message>
        <source>Deleting the user…</source>
        <translation>Der Benutzer wird gelöscht…</translation>
    </message>
    <message>
        <source>Delete your own account, %1? Your saved schemas and runs go with it, and your session ends. This cannot be undone.</source>
        <translation>Ihr eigenes Konto %1 löschen? Ihre gespeicherten Schemas und Läufe werden mit gelöscht, und Ihre Sitzung endet. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete the user %1? Their saved schemas and runs go with the account. This cannot be undone.</source>
        <translation>Den Benutzer %1 löschen? Seine gespeicherten Schemas und Läufe werden mit dem Konto gelöscht. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete User</source>
        <translation>Benutzer löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>fabrica::UsersModel</name>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>You are signed in as this user.</source>
        <translation>Sie sind als dieser Benutzer angemeldet.</translation>
    </message>
    <message>
        <source>This user cannot sign in until an administrator enables the account again.</source>
        <translation>Dieser Benutzer kann sich erst wieder anmelden, wenn ein Administrator das Konto entsperrt.</translation>
    </message>
    <message numerus="yes">
        <source>Sign-in pauses after %n failed attempt(s) until %1; a password reset ends the pause.</source>
        <translation>
            <numerusform>Nach %n Fehlversuch ist die Anmeldung bis %1 pausiert; ein Zurücksetzen des Passworts beendet die Pause.</numerusform>
            <numerusform>Nach %n Fehlversuchen ist die Anmeldung bis %1 pausiert; ein Zurücksetzen des Passworts beendet die Pause.</numerusform>
        </translation>
    </message>
    <message>
        <source>User Name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
</context>
<context>
    <name>fabrica::ValidateCommand</name>
    <message>
        <source>Check schema files and report every problem</source>
        <translation>Schemadateien prüfen und alle Probleme melden</translation>
    </message>
    <message>
        <source>Treat warnings as errors.</source>
        <translation>Warnungen als Fehler behandeln.</translation>
    </message>
    <message>
        <source>Print problems only, not the files that are valid.</source>
        <translation>Nur Probleme ausgeben, keine gültigen Dateien.</translation>
    </message>
    <message>
        <source>Schema files (*.fabrica.json) to check.</source>
        <translation>Zu prüfende Schemadateien (*.fabrica.json).</translation>
    </message>
    <message>
        <source>FILE...</source>
        <translation>DATEI...</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>Warnung: </translation>
    </message>
    <message>
        <source>%1: valid (%2 tables, %3 columns%4)</source>
        <translation>%1: gültig (%2 Tabellen, %3 Spalten%4)</translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>, %n Warnung</numerusform>
            <numerusform>, %n Warnungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fabrica::ValueInference</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>booleans (%1), %2 true</source>
        <translation>Wahrheitswerte (%1), davon %2 wahr</translation>
    </message>
    <message>
        <source>numbers with leading zeros such as %1 are codes, kept as text</source>
        <translation>Zahlen mit führenden Nullen wie %1 sind Codes, als Text übernommen</translation>
    </message>
    <message>
        <source>numbers %1..%2</source>
        <translation>Zahlen %1..%2</translation>
    </message>
    <message>
        <source>decimals %1..%2 with up to %3 places</source>
        <translation>Dezimalzahlen %1..%2 mit bis zu %3 Nachkommastellen</translation>
    </message>
    <message>
        <source>whole numbers beyond 64 bits such as %1, kept as text</source>
        <translation>ganze Zahlen jenseits von 64 Bit wie %1, als Text übernommen</translation>
    </message>
    <message>
        <source>integers %1..%2</source>
        <translation>ganze Zahlen %1..%2</translation>
    </message>
    <message>
        <source> (only 0 and 1: perhaps a boolean)</source>
        <translation> (nur 0 und 1: vielleicht ein Wahrheitswert)</translation>
    </message>
    <message>
        <source>dates %1..%2</source>
        <translation>Datumswerte %1..%2</translation>
    </message>
    <message>
        <source>dates such as %1 could be day/month or month/day, kept as text</source>
        <translation>Datumswerte wie %1 könnten Tag/Monat oder Monat/Tag sein, als Text übernommen</translation>
    </message>
    <message>
        <source>dates %1..%2 written %3</source>
        <translation>Datumswerte %1..%2 im Format %3</translation>
    </message>
    <message>
        <source>timestamps with a time zone %1..%2</source>
        <translation>Zeitstempel mit Zeitzone %1..%2</translation>
    </message>
    <message>
        <source>timestamps %1..%2</source>
        <translation>Zeitstempel %1..%2</translation>
    </message>
    <message>
        <source>times of day %1..%2</source>
        <translation>Uhrzeiten %1..%2</translation>
    </message>
    <message>
        <source>UUIDs of version 7 (time-ordered)</source>
        <translation>UUIDs der Version 7 (zeitlich geordnet)</translation>
    </message>
    <message>
        <source>UUIDs</source>
        <translation>UUIDs</translation>
    </message>
    <message>
        <source>web addresses (http)</source>
        <translation>Webadressen (http)</translation>
    </message>
    <message>
        <source>web addresses</source>
        <translation>Webadressen</translation>
    </message>
    <message>
        <source>IPv4 addresses</source>
        <translation>IPv4-Adressen</translation>
    </message>
    <message>
        <source>IPv4 addresses in %1</source>
        <translation>IPv4-Adressen in %1</translation>
    </message>
    <message>
        <source>JSON arrays, kept as text</source>
        <translation>JSON-Arrays, als Text übernommen</translation>
    </message>
    <message>
        <source>JSON objects with the members %1</source>
        <translation>JSON-Objekte mit den Elementen %1</translation>
    </message>
    <message>
        <source>no values to learn from</source>
        <translation>keine Werte, aus denen sich etwas ableiten ließe</translation>
    </message>
    <message>
        <source>text of %1..%2 characters</source>
        <translation>Text mit %1..%2 Zeichen</translation>
    </message>
    <message>
        <source>text of 1 character</source>
        <translation>Text mit 1 Zeichen</translation>
    </message>
    <message>
        <source>text of %1 characters</source>
        <translation>Text mit %1 Zeichen</translation>
    </message>
    <message>
        <source>, too long to keep as samples: lorem ipsum paragraphs</source>
        <translation>, zu lang, um als Beispielwerte übernommen zu werden: Lorem-ipsum-Absätze</translation>
    </message>
    <message>
        <source>, one value: drawn from the samples</source>
        <translation>, ein Wert: aus den Beispielwerten gezogen</translation>
    </message>
    <message>
        <source>, %1 distinct values: drawn from the samples</source>
        <translation>, %1 verschiedene Werte: aus den Beispielwerten gezogen</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>always %1</source>
        <translation>immer %1</translation>
    </message>
    <message>
        <source>%1 distinct values: %2</source>
        <translation>%1 verschiedene Werte: %2</translation>
    </message>
    <message>
        <source>, and %1 more</source>
        <translation>, dazu %1 weitere</translation>
    </message>
    <message>
        <source>email addresses (generated at reserved domains such as example.com, never at the sampled ones)</source>
        <translation>E-Mail-Adressen (erzeugt unter reservierten Domains wie example.com, nie unter denen aus den Beispielwerten)</translation>
    </message>
</context>
<context>
    <name>fabrica::ValueRanges</name>
    <message>
        <source>%1%2 (from the name)</source>
        <translation>%1%2 (aus dem Namen)</translation>
    </message>
    <message>
        <source>%1..%2: the recent past up to the reference date %3 (from DEFAULT %4)</source>
        <translation>%1..%2: die jüngste Vergangenheit bis zum Bezugsdatum %3 (aus DEFAULT %4)</translation>
    </message>
    <message>
        <source>%1..%2: birth dates 18 to 90 years before the reference date (from the name)</source>
        <translation>%1..%2: Geburtsdaten 18 bis 90 Jahre vor dem Bezugsdatum (aus dem Namen)</translation>
    </message>
    <message>
        <source>%1..%2: the %3 years up to the reference date (from the SQL type)</source>
        <translation>%1..%2: die %3 Jahre bis zum Bezugsdatum (aus dem SQL-Typ)</translation>
    </message>
    <message>
        <source>%1..%2 around the DEFAULT %3 (from DEFAULT)</source>
        <translation>%1..%2 um den DEFAULT-Wert %3 herum (aus DEFAULT)</translation>
    </message>
    <message>
        <source>; kept inside the CHECK</source>
        <translation>; innerhalb des CHECK gehalten</translation>
    </message>
    <message>
        <source>not negative: the DEFAULT 0 is a starting count (from DEFAULT)</source>
        <translation>nicht negativ: DEFAULT 0 ist der Anfangsstand eines Zählers (aus DEFAULT)</translation>
    </message>
    <message>
        <source>min %1</source>
        <translation>min %1</translation>
    </message>
    <message>
        <source>max %1</source>
        <translation>max %1</translation>
    </message>
    <message>
        <source>%1 (nothing in the DDL or the name says more; from the SQL type)</source>
        <translation>%1 (weder DDL noch Name sagen mehr aus; aus dem SQL-Typ)</translation>
    </message>
</context>
<context>
    <name>fabrica::WeightBarDelegate</name>
    <message>
        <source>%1 · %2 %</source>
        <translation>%1 · %2 %</translation>
    </message>
</context>
<context>
    <name>fabrica::WeightedValuesField</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a value</source>
        <translation>Einen Wert hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected values</source>
        <translation>Die ausgewählten Werte entfernen</translation>
    </message>
    <message>
        <source>Move the value up</source>
        <translation>Den Wert nach oben verschieben</translation>
    </message>
    <message>
        <source>Move the value down</source>
        <translation>Den Wert nach unten verschieben</translation>
    </message>
    <message>
        <source>Equal weights</source>
        <translation>Gleiche Gewichte</translation>
    </message>
    <message>
        <source>Remove the weights: every value equally likely</source>
        <translation>Die Gewichte entfernen: jeder Wert gleich wahrscheinlich</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>fabrica::WeightedValuesModel</name>
    <message>
        <source>%1 % of the rows</source>
        <translation>%1 % der Zeilen</translation>
    </message>
    <message>
        <source>No weights: every value is equally likely</source>
        <translation>Keine Gewichte: jeder Wert ist gleich wahrscheinlich</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
</context>
<context>
    <name>fabrica::WeightsByField</name>
    <message>
        <source>Add value</source>
        <translation>Wert hinzufügen</translation>
    </message>
    <message>
        <source>Weights follow</source>
        <translation>Gewichte richten sich nach</translation>
    </message>
    <message>
        <source>Column whose value picks the weights</source>
        <translation>Spalte, deren Wert die Gewichte auswählt</translation>
    </message>
    <message>
        <source>a value of that column</source>
        <translation>ein Wert dieser Spalte</translation>
    </message>
    <message>
        <source>Weights per value of the source column</source>
        <translation>Gewichte pro Wert der Quellspalte</translation>
    </message>
    <message>
        <source>One row per value of the source column: fill in every weight to use them for that value; rows left empty use the column&apos;s own weights</source>
        <translation>Eine Zeile pro Wert der Quellspalte: Tragen Sie alle Gewichte ein, damit sie für diesen Wert gelten; leer gelassene Zeilen verwenden die eigenen Gewichte der Spalte</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>fabrica::ZipReader</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>the name is not valid UTF-8</source>
        <translation>der Name ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>the name contains a control character (%1)</source>
        <translation>der Name enthält ein Steuerzeichen (%1)</translation>
    </message>
    <message>
        <source>the name contains a backslash; folders in a ZIP are separated by &apos;/&apos;</source>
        <translation>der Name enthält einen Backslash; Ordner werden in einem ZIP durch &apos;/&apos; getrennt</translation>
    </message>
    <message>
        <source>an absolute path; entries must be relative to the archive</source>
        <translation>ein absoluter Pfad; Einträge müssen relativ zum Archiv sein</translation>
    </message>
    <message>
        <source>a path with a drive letter; entries must be relative to the archive</source>
        <translation>ein Pfad mit Laufwerksbuchstaben; Einträge müssen relativ zum Archiv sein</translation>
    </message>
    <message>
        <source>a path that leaves the archive (&apos;..&apos;)</source>
        <translation>ein Pfad, der aus dem Archiv herausführt (&apos;..&apos;)</translation>
    </message>
    <message>
        <source>an entry without a name</source>
        <translation>ein Eintrag ohne Namen</translation>
    </message>
    <message>
        <source>the upload is %1 bytes, more than the %2 allowed</source>
        <translation>der Upload ist %1 Bytes groß, mehr als die erlaubten %2</translation>
    </message>
    <message>
        <source>not a ZIP archive: the file does not start with a ZIP signature</source>
        <translation>kein ZIP-Archiv: die Datei beginnt nicht mit einer ZIP-Signatur</translation>
    </message>
    <message>
        <source>the ZIP archive is damaged or truncated: its table of contents cannot be read</source>
        <translation>das ZIP-Archiv ist beschädigt oder abgeschnitten: sein Inhaltsverzeichnis kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>files read: %1</source>
        <translation>gelesene Dateien: %1</translation>
    </message>
    <message>
        <source>the archive has more than %1 entries; the entries after the first %1 are not read</source>
        <translation>das Archiv hat mehr als %1 Einträge; die Einträge nach den ersten %1 werden nicht gelesen</translation>
    </message>
    <message>
        <source>the ZIP archive is damaged: entry %1 of its table of contents cannot be read</source>
        <translation>das ZIP-Archiv ist beschädigt: Eintrag %1 seines Inhaltsverzeichnisses kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>a symbolic link; links are not followed</source>
        <translation>ein symbolischer Link; Links werden nicht verfolgt</translation>
    </message>
    <message>
        <source>a device, pipe or socket, not a regular file</source>
        <translation>ein Gerät, eine Pipe oder ein Socket, keine reguläre Datei</translation>
    </message>
    <message>
        <source>another entry already has this name</source>
        <translation>ein anderer Eintrag hat bereits diesen Namen</translation>
    </message>
    <message>
        <source>the name differs only in case from the earlier entry %1</source>
        <translation>der Name unterscheidet sich nur in der Groß-/Kleinschreibung vom früheren Eintrag %1</translation>
    </message>
    <message>
        <source>encrypted; encrypted entries are not read</source>
        <translation>verschlüsselt; verschlüsselte Einträge werden nicht gelesen</translation>
    </message>
    <message>
        <source>compressed with method %1; only stored and deflated entries are read</source>
        <translation>mit Methode %1 komprimiert; nur unkomprimiert gespeicherte und mit Deflate komprimierte Einträge werden gelesen</translation>
    </message>
    <message>
        <source>an archive inside the archive (by its name); nested archives are not opened</source>
        <translation>ein Archiv im Archiv (laut Name); verschachtelte Archive werden nicht geöffnet</translation>
    </message>
    <message>
        <source>larger than %1 when inflated (the limit per file); reading stopped there</source>
        <translation>beim Entpacken größer als %1 (die Grenze pro Datei); das Lesen wurde dort abgebrochen</translation>
    </message>
    <message>
        <source>inflates to more than %1 times its compressed size, like a ZIP bomb; reading stopped after %2</source>
        <translation>wächst beim Entpacken auf mehr als das %1-Fache der komprimierten Größe, wie eine ZIP-Bombe; das Lesen wurde nach %2 abgebrochen</translation>
    </message>
    <message>
        <source>the files of the archive inflate to more than %1 together (the limit per archive); this entry and the ones after it are not read</source>
        <translation>die Dateien des Archivs ergeben entpackt zusammen mehr als %1 (die Grenze pro Archiv); dieser Eintrag und die folgenden werden nicht gelesen</translation>
    </message>
    <message>
        <source>the data is damaged or truncated</source>
        <translation>die Daten sind beschädigt oder abgeschnitten</translation>
    </message>
    <message>
        <source>inflates to %1 bytes but the archive declares %2; the archive is damaged or forged</source>
        <translation>ergibt entpackt %1 Bytes, das Archiv gibt aber %2 an; das Archiv ist beschädigt oder gefälscht</translation>
    </message>
    <message>
        <source>the data does not match its CRC-32 checksum; the archive is damaged</source>
        <translation>die Daten passen nicht zu ihrer CRC-32-Prüfsumme; das Archiv ist beschädigt</translation>
    </message>
    <message>
        <source>an archive inside the archive (its content is %1 data); nested archives are not opened</source>
        <translation>ein Archiv im Archiv (der Inhalt besteht aus %1-Daten); verschachtelte Archive werden nicht geöffnet</translation>
    </message>
    <message>
        <source>the ZIP archive is damaged: its table of contents breaks off at entry %1</source>
        <translation>das ZIP-Archiv ist beschädigt: sein Inhaltsverzeichnis bricht bei Eintrag %1 ab</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fabrica Cannot Start</source>
        <translation>Fabrica kann nicht starten</translation>
    </message>
    <message>
        <source>Fabrica cannot open its storage.</source>
        <translation>Fabrica kann seinen Datenspeicher nicht öffnen.</translation>
    </message>
    <message>
        <source>Fabrica cannot read its sign-in key.</source>
        <translation>Fabrica kann seinen Anmeldeschlüssel nicht lesen.</translation>
    </message>
</context>
</TS>
