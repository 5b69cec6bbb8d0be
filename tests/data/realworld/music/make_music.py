#!/usr/bin/env python3
"""Writes the music store corpus (postgresql.sql, mysql.sql, sqlite.sql) in the spirit of Chinook.

Every name is invented from the word lists below (no real catalogue); the rows are deterministic (seed 13).
Run from this folder: python3 make_music.py
"""
import random

rng = random.Random(13)

GENRES = ["Rock", "Jazz", "Metal", "Alternative & Punk", "Rock And Roll", "Blues", "Latin", "Reggae", "Pop",
          "Soundtrack", "Bossa Nova", "Easy Listening", "Heavy Metal", "R&B/Soul", "Electronica/Dance", "World",
          "Hip Hop/Rap", "Science Fiction", "TV Shows", "Sci Fi & Fantasy", "Drama", "Comedy", "Alternative",
          "Classical", "Opera"]
MEDIA = ["MPEG audio file", "Protected AAC audio file", "Protected MPEG-4 video file", "Purchased AAC audio file",
         "AAC audio file"]
ADJ = ["Silent", "Electric", "Broken", "Golden", "Midnight", "Wild", "Blue", "Crimson", "Hollow", "Velvet",
       "Burning", "Lonely", "Neon", "Frozen", "Restless", "Distant", "Sweet", "Iron", "Paper", "Wandering"]
NOUN = ["River", "Heart", "Highway", "Garden", "Storm", "Mirror", "Letter", "Harbor", "Engine", "Shadow",
        "Window", "Season", "Signal", "Lantern", "Canyon", "Dream", "Circus", "Compass", "Echo", "Orchard"]
BANDS = ["The {a} {n}s", "{a} {n}", "{f} {l} Quartet", "{f} {l}", "{n} of {n2}", "The {n} Collective"]
FIRST = ["Ada", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaito", "Lena",
         "Marco", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Stefan", "Tomas", "Ulla", "Victor", "Wanda"]
LAST = ["Almeida", "Becker", "Castro", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ibsen", "Jensen",
        "Kowalski", "Laurent", "Moreau", "Novak", "Olsen", "Petrov", "Rossi", "Schmidt", "Tanaka", "Vogel"]
PLACES = [("Berlin", None, "Germany", "10115"), ("Lisbon", None, "Portugal", "1100-000"),
          ("Toronto", "ON", "Canada", "M5V 2T6"), ("Austin", "TX", "USA", "78701"), ("Oslo", None, "Norway", "0150"),
          ("Prague", None, "Czech Republic", "110 00"), ("Sao Paulo", "SP", "Brazil", "01007-010"),
          ("Paris", None, "France", "75002"), ("Madrid", None, "Spain", "28015"), ("Chicago", "IL", "USA", "60611"),
          ("Sydney", "NSW", "Australia", "2010"), ("Dublin", "Dublin", "Ireland", None)]
STREETS = ["Harbor Street", "Linden Avenue", "Market Road", "Mill Lane", "Station Square", "Park Row"]


def band():
    return rng.choice(BANDS).format(a=rng.choice(ADJ), n=rng.choice(NOUN), n2=rng.choice(NOUN),
                                    f=rng.choice(FIRST), l=rng.choice(LAST))


def title(words):
    parts = [rng.choice(ADJ), rng.choice(NOUN)]
    if words > 2:
        parts = [rng.choice(["The", "A", "My", "Our"])] + parts
    if words > 3:
        parts += [rng.choice(["Blues", "Song", "Waltz", "Reprise", "Suite", "Again"])]
    return " ".join(parts)


artists = []
seen = set()
while len(artists) < 60:
    name = band()
    if name not in seen:
        seen.add(name)
        artists.append(name)
albums = [(i + 1, title(rng.choice([2, 3])), rng.randint(1, len(artists))) for i in range(90)]
tracks = []
for i in range(300):
    media = rng.choices(range(1, 6), weights=[60, 8, 6, 4, 22])[0]
    genre = rng.choices(range(1, 26), weights=[30, 12, 10, 8, 2, 6, 9, 3, 5, 2, 2, 1, 4, 3, 4, 2, 2, 1, 3, 2, 3,
                                               2, 2, 5, 1])[0]
    video = media == 3
    millis = int(rng.lognormvariate(12.4, 0.35)) if not video else rng.randint(1200000, 2900000)
    millis = max(millis, 4500)
    size = millis * rng.randint(28, 36) if not video else millis * rng.randint(150, 250)
    composer = None if rng.random() < 0.25 else ", ".join(
        f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice([1, 1, 2, 3])))
    tracks.append((i + 1, title(rng.choice([2, 2, 3, 4])), rng.randint(1, len(albums)), media, genre, composer,
                   millis, size, "1.99" if video else "0.99"))
playlists = ["Music", "Movies", "TV Shows", "Audiobooks", "90s Music", "Favorites", "Classical", "Road Trip",
             "Workout", "Quiet Evening", "Grunge", "Brazilian Music"]
playlist_tracks = sorted({(rng.randint(1, len(playlists)), rng.randint(1, len(tracks))) for _ in range(400)})
titles = ["General Manager", "Sales Manager", "Sales Support Agent", "Sales Support Agent", "Sales Support Agent",
          "IT Manager", "IT Staff", "IT Staff"]
employees = []
for i, t in enumerate(titles):
    reports = None if i == 0 else (1 if i in (1, 5) else (2 if i < 5 else 6))
    first, last = FIRST[i], LAST[i]
    city = PLACES[2]
    employees.append((i + 1, last, first, t, reports, f"19{60 + 3 * i}-0{1 + i % 9}-1{i} 00:00:00",
                      f"20{10 + i:02d}-0{1 + i % 9}-0{1 + i % 7} 00:00:00", f"{10 + i} {STREETS[i % 6]}", city[0],
                      city[1], city[2], city[3], f"+1 (416) 555-01{i:02d}", f"+1 (416) 555-02{i:02d}",
                      f"{first.lower()}@music-store.example"))
customers = []
for i in range(59):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    place = rng.choice(PLACES)
    company = rng.choice([None, None, None, f"{rng.choice(NOUN)} Records", f"{rng.choice(ADJ)} Media Ltd."])
    customers.append((i + 1, first, last, company, f"{rng.randint(1, 300)} {rng.choice(STREETS)}", place[0],
                      place[1], place[2], place[3], f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                      None if rng.random() < 0.7 else f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                      f"{first.lower()}.{last.lower()}{i}@mail.example", rng.randint(3, 5)))
invoices, lines = [], []
for i in range(200):
    customer = customers[rng.randint(0, len(customers) - 1)]
    day = f"2022-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d} 00:00:00"
    total = 0
    for _ in range(rng.choice([1, 2, 2, 4, 6, 9])):
        track = tracks[rng.randint(0, len(tracks) - 1)]
        lines.append((len(lines) + 1, i + 1, track[0], track[8], 1))
        total += round(float(track[8]) * 100)
    invoices.append((i + 1, customer[0], day, customer[4], customer[5], customer[6], customer[7], customer[8],
                     f"{total // 100}.{total % 100:02d}"))


def lit(value, dialect):
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("'", "''")
    return f"'{text}'"


def inserts(out, table, columns, rows, dialect, numeric=()):
    q = (lambda c: f"`{c}`") if dialect == "mysql" else (lambda c: c)
    for start in range(0, len(rows), 50):
        out.append(f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) VALUES")
        chunk = rows[start:start + 50]
        for n, row in enumerate(chunk):
            values = ", ".join(v if (c in numeric and v is not None) else lit(v, dialect)
                               for c, v in zip(columns, row))
            out.append(f"    ({values}){';' if n == len(chunk) - 1 else ','}")
    out.append("")


def ddl(dialect):
    pk = "INTEGER PRIMARY KEY" if dialect == "sqlite" else "integer PRIMARY KEY"
    text = (lambda n: f"NVARCHAR({n})") if dialect == "sqlite" else (lambda n: f"varchar({n})")
    ts = {"postgresql": "timestamp", "mysql": "DATETIME", "sqlite": "DATETIME"}[dialect]
    money = "numeric(10,2)" if dialect != "sqlite" else "NUMERIC(10,2)"
    tail = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;" if dialect == "mysql" else ";"
    q = (lambda c: f"`{c}`") if dialect == "mysql" else (lambda c: c)
    tables = [
        ("artist", [f"artist_id {pk}", f"name {text(120)}"]),
        ("album", [f"album_id {pk}", f"title {text(160)} NOT NULL", "artist_id integer NOT NULL",
                   "FOREIGN KEY (artist_id) REFERENCES artist (artist_id)"]),
        ("genre", [f"genre_id {pk}", f"name {text(120)}"]),
        ("media_type", [f"media_type_id {pk}", f"name {text(120)}"]),
        ("track", [f"track_id {pk}", f"name {text(200)} NOT NULL", "album_id integer",
                   "media_type_id integer NOT NULL", "genre_id integer", f"composer {text(220)}",
                   "milliseconds integer NOT NULL", "bytes integer", f"unit_price {money} NOT NULL",
                   "FOREIGN KEY (album_id) REFERENCES album (album_id)",
                   "FOREIGN KEY (media_type_id) REFERENCES media_type (media_type_id)",
                   "FOREIGN KEY (genre_id) REFERENCES genre (genre_id)"]),
        ("playlist", [f"playlist_id {pk}", f"name {text(120)}"]),
        ("playlist_track", ["playlist_id integer NOT NULL", "track_id integer NOT NULL",
                            "PRIMARY KEY (playlist_id, track_id)",
                            "FOREIGN KEY (playlist_id) REFERENCES playlist (playlist_id)",
                            "FOREIGN KEY (track_id) REFERENCES track (track_id)"]),
        ("employee", [f"employee_id {pk}", f"last_name {text(20)} NOT NULL", f"first_name {text(20)} NOT NULL",
                      f"title {text(30)}", "reports_to integer", f"birth_date {ts}", f"hire_date {ts}",
                      f"address {text(70)}", f"city {text(40)}", f"state {text(40)}", f"country {text(40)}",
                      f"postal_code {text(10)}", f"phone {text(24)}", f"fax {text(24)}", f"email {text(60)}",
                      "FOREIGN KEY (reports_to) REFERENCES employee (employee_id)"]),
        ("customer", [f"customer_id {pk}", f"first_name {text(40)} NOT NULL", f"last_name {text(20)} NOT NULL",
                      f"company {text(80)}", f"address {text(70)}", f"city {text(40)}", f"state {text(40)}",
                      f"country {text(40)}", f"postal_code {text(10)}", f"phone {text(24)}", f"fax {text(24)}",
                      f"email {text(60)} NOT NULL", "support_rep_id integer",
                      "FOREIGN KEY (support_rep_id) REFERENCES employee (employee_id)"]),
        ("invoice", [f"invoice_id {pk}", "customer_id integer NOT NULL", f"invoice_date {ts} NOT NULL",
                     f"billing_address {text(70)}", f"billing_city {text(40)}", f"billing_state {text(40)}",
                     f"billing_country {text(40)}", f"billing_postal_code {text(10)}", f"total {money} NOT NULL",
                     "FOREIGN KEY (customer_id) REFERENCES customer (customer_id)"]),
        ("invoice_line", [f"invoice_line_id {pk}", "invoice_id integer NOT NULL", "track_id integer NOT NULL",
                          f"unit_price {money} NOT NULL", "quantity integer NOT NULL",
                          "FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id)",
                          "FOREIGN KEY (track_id) REFERENCES track (track_id)"]),
    ]
    out = []
    for name, parts in tables:
        body = ",\n    ".join(parts)
        out.append(f"CREATE TABLE {q(name)} (\n    {body}\n){tail}\n")
    return out


def write(dialect, path):
    out = [f"-- A music store in the spirit of Chinook ({dialect}); invented names, deterministic rows.",
           "-- Written by make_music.py; loads as-is into its server.", ""]
    if dialect == "sqlite":
        out.append("PRAGMA foreign_keys = ON;\n")
    out += ddl(dialect)
    inserts(out, "artist", ["artist_id", "name"], [(i + 1, a) for i, a in enumerate(artists)], dialect)
    inserts(out, "album", ["album_id", "title", "artist_id"], albums, dialect)
    inserts(out, "genre", ["genre_id", "name"], [(i + 1, g) for i, g in enumerate(GENRES)], dialect)
    inserts(out, "media_type", ["media_type_id", "name"], [(i + 1, m) for i, m in enumerate(MEDIA)], dialect)
    inserts(out, "track", ["track_id", "name", "album_id", "media_type_id", "genre_id", "composer", "milliseconds",
                           "bytes", "unit_price"], tracks, dialect, numeric={"unit_price"})
    inserts(out, "playlist", ["playlist_id", "name"], [(i + 1, p) for i, p in enumerate(playlists)], dialect)
    inserts(out, "playlist_track", ["playlist_id", "track_id"], playlist_tracks, dialect)
    inserts(out, "employee", ["employee_id", "last_name", "first_name", "title", "reports_to", "birth_date",
                              "hire_date", "address", "city", "state", "country", "postal_code", "phone", "fax",
                              "email"], employees, dialect)
    inserts(out, "customer", ["customer_id", "first_name", "last_name", "company", "address", "city", "state",
                              "country", "postal_code", "phone", "fax", "email", "support_rep_id"], customers,
            dialect)
    inserts(out, "invoice", ["invoice_id", "customer_id", "invoice_date", "billing_address", "billing_city",
                             "billing_state", "billing_country", "billing_postal_code", "total"], invoices, dialect,
            numeric={"total"})
    inserts(out, "invoice_line", ["invoice_line_id", "invoice_id", "track_id", "unit_price", "quantity"], lines,
            dialect, numeric={"unit_price"})
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


write("postgresql", "postgresql.sql")
write("mysql", "mysql.sql")
write("sqlite", "sqlite.sql")
