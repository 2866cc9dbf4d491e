//! Team sync, natively: two or three peers and a server that behaves as y-websocket's does (it
//! answers step 1 with step 2 and its own step 1, applies what it gets and relays it to the others),
//! written here with yrs so that the tests need no network.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use claimmark_core::model::{
    Annotation, AnnotationId, ClaimKind, Source, SourceId, SourceUrl, Target, Timestamp, Verdict,
};
use claimmark_core::store::{ArticleInfo, StoreDocument};
use claimmark_core::text::CharSpan;
use claimmark_team::shape::{self, same_work};
use claimmark_team::{Peer, Presence, SyncError};
use proptest::prelude::*;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Any, Doc, Map, ReadTxn, StateVector, Transact, Update, WriteTxn};

const TEXT: &str = "Exports rose 12% to $4.1bn in 2023, the minister said. 😀 Imports fell by a third.";

fn article() -> ArticleInfo {
    ArticleInfo::new("trade-2024", "Trade figures", TEXT)
}

fn t(millis: i64) -> Timestamp {
    Timestamp::parse("2024-05-01T09:00:00Z").unwrap().plus_millis(millis)
}

fn claim(n: u8, start: usize, end: usize) -> Annotation {
    let target = Target::describe("trade-2024", TEXT, CharSpan::new(start, end));
    Annotation::from_detected(AnnotationId::from_random_bytes([n; 16]), target, ClaimKind::Money, t(0))
}

/// The article's document with `claims` in it.
fn document_of(claims: impl IntoIterator<Item = Annotation>) -> StoreDocument {
    let mut doc = StoreDocument::new(article());
    for claim in claims {
        doc.insert(claim);
    }
    doc
}

fn id(n: u8) -> AnnotationId {
    AnnotationId::from_random_bytes([n; 16])
}

fn source(n: u8, url: &str, at: Timestamp) -> Source {
    Source::new(SourceId::from_random_bytes([n; 16]), SourceUrl::parse(url).unwrap(), at)
}

/// A document with some of everything: verdicts, notes, tags, sources, a removed source, team
/// verdicts, a dismissed candidate, a deletion, and text outside the Basic Multilingual Plane.
fn rich_document() -> StoreDocument {
    let mut doc = StoreDocument::new(article());
    let mut a = claim(1, 0, 11);
    a.set_verdict(Verdict::MostlyTrue, t(10));
    a.set_note("Customs data, table 3 😀", t(11));
    a.set_tags(["trade", "econ"], t(12));
    a.add_source(source(1, "https://example.org/customs.pdf", t(13)), t(13));
    a.add_source(source(2, "http://example.org/old", t(14)), t(14));
    a.remove_source(&SourceId::from_random_bytes([2; 16]), t(15));
    a.record_team_verdict("Ada", Verdict::MostlyTrue, true, t(16));
    a.record_team_verdict("Ben", Verdict::False, false, t(17));
    doc.insert(a);
    let mut b = claim(2, 20, 26);
    b.set_dismissed(true, t(20));
    doc.insert(b);
    doc.insert(claim(3, 56, 57));
    doc.delete(&id(3), t(30));
    doc.normalize();
    doc
}

fn clock() -> impl Fn() -> u64 + Send + Sync + 'static {
    let now = Arc::new(AtomicU64::new(1_700_000_000_000));
    move || now.fetch_add(1, Ordering::Relaxed)
}

/// y-websocket's server, in miniature.
struct Server {
    doc: Doc,
}

impl Server {
    fn new() -> Server {
        Server { doc: Doc::new() }
    }

    /// A new connection: the server's step 1.
    fn greet(&self) -> Vec<u8> {
        Message::Sync(SyncMessage::SyncStep1(self.doc.transact().state_vector())).encode_v1()
    }

    /// One message from a client: the replies to it, and what to relay to the others.
    fn handle(&self, bytes: &[u8]) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
        let Ok(message) = Message::decode_v1(bytes) else { return (vec![], vec![]) };
        match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let diff = self.doc.transact().encode_diff_v1(&sv);
                (vec![Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1(), self.greet()], vec![])
            }
            Message::Sync(SyncMessage::SyncStep2(u)) | Message::Sync(SyncMessage::Update(u)) => {
                let Ok(update) = Update::decode_v1(&u) else { return (vec![], vec![]) };
                if self.doc.transact_mut().apply_update(update).is_err() {
                    return (vec![], vec![]);
                }
                (vec![], vec![Message::Sync(SyncMessage::Update(u)).encode_v1()])
            }
            Message::Awareness(_) => (vec![], vec![bytes.to_vec()]),
            _ => (vec![], vec![]),
        }
    }
}

/// A client: its local copy (what localStorage holds), its peer, and whether it is online.
struct Client {
    local: StoreDocument,
    peer: Peer,
    online: bool,
}

impl Client {
    fn new(local: StoreDocument) -> Client {
        Client { local, peer: Peer::new(article(), clock()), online: false }
    }
}

/// A server and its clients, with messages delivered at once.
struct Net {
    server: Server,
    clients: Vec<Client>,
}

impl Net {
    fn new(locals: Vec<StoreDocument>) -> Net {
        Net { server: Server::new(), clients: locals.into_iter().map(Client::new).collect() }
    }

    /// Delivers a message from client `from` to the server, and everything that follows from it.
    fn send(&mut self, from: usize, bytes: Vec<u8>) {
        let mut queue = vec![(from, bytes)];
        while let Some((from, bytes)) = queue.pop() {
            let (replies, relay) = self.server.handle(&bytes);
            for reply in replies {
                self.deliver(from, &reply, &mut queue);
            }
            for other in 0..self.clients.len() {
                if other != from && self.clients[other].online {
                    for message in &relay {
                        self.deliver(other, message, &mut queue);
                    }
                }
            }
        }
    }

    fn deliver(&mut self, to: usize, bytes: &[u8], queue: &mut Vec<(usize, Vec<u8>)>) {
        let client = &mut self.clients[to];
        let received = client.peer.receive(bytes).expect("the server's messages are y-sync");
        for reply in received.replies {
            queue.push((to, reply));
        }
        if received.changed {
            let merged = client.peer.merge(&client.local);
            client.local = merged.document;
            if let Some(update) = merged.update {
                queue.push((to, update));
            }
        }
    }

    fn connect(&mut self, who: usize) {
        self.clients[who].online = true;
        let hello = self.clients[who].peer.hello();
        let greet = self.server.greet();
        let mut queue = vec![];
        self.deliver(who, &greet, &mut queue);
        queue.push((who, hello));
        while let Some((from, bytes)) = queue.pop() {
            self.send(from, bytes);
        }
    }

    fn disconnect(&mut self, who: usize) {
        self.clients[who].online = false;
    }

    /// Clients 0 and 1 go offline and each sets claim 1's note, at its own time.
    fn notes_apart(&mut self, notes: [(Timestamp, &str); 2]) {
        self.disconnect(0);
        self.disconnect(1);
        for (who, (at, note)) in notes.into_iter().enumerate() {
            self.edit(who, |d| {
                d.update(&id(1), at, |a, now| a.set_note(note, now));
            });
        }
    }

    /// A local edit: saved locally, and sent when online.
    fn edit(&mut self, who: usize, edit: impl FnOnce(&mut StoreDocument)) {
        edit(&mut self.clients[who].local);
        let client = &mut self.clients[who];
        let merged = client.peer.merge(&client.local);
        client.local = merged.document;
        if let (true, Some(update)) = (client.online, merged.update) {
            self.send(who, update);
        }
    }

    fn annotation(&self, who: usize, n: u8) -> Option<&Annotation> {
        self.clients[who].local.get(&id(n))
    }

    fn assert_converged(&self) {
        for pair in self.clients.windows(2) {
            assert!(
                same_work(&pair[0].local, &pair[1].local),
                "the copies differ:\n{}\n---\n{}",
                pair[0].local.to_json_pretty(),
                pair[1].local.to_json_pretty()
            );
        }
    }
}

#[test]
fn a_document_round_trips_through_a_y_doc() {
    let doc = rich_document();
    let ydoc = Doc::new();
    let written = shape::write(&mut ydoc.transact_mut(), &doc);
    assert!(written > 0);
    let read = shape::read(&ydoc, &article());
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert!(
        same_work(&read.document, &doc),
        "{}\n---\n{}",
        read.document.to_json_pretty(),
        doc.to_json_pretty()
    );
    // Writing it again changes nothing: the Y.Doc already holds it.
    assert_eq!(shape::write(&mut ydoc.transact_mut(), &read.document), 0);
}

#[test]
fn the_y_doc_has_the_documented_shape() {
    let ydoc = Doc::new();
    shape::write(&mut ydoc.transact_mut(), &rich_document());
    let txn = ydoc.transact();
    let annotations = txn.get_map(shape::ANNOTATIONS).unwrap();
    let Some(yrs::Out::YMap(first)) = annotations.get(&txn, id(1).as_str()) else {
        panic!("a Y.Map per annotation")
    };
    assert!(matches!(first.get(&txn, "sources"), Some(yrs::Out::YArray(_))));
    assert!(matches!(first.get(&txn, "verdicts"), Some(yrs::Out::YArray(_))));
    let Some(yrs::Out::Any(Any::Map(note))) = first.get(&txn, "note") else {
        panic!("note is {{value, at}}")
    };
    assert_eq!(note.get("value"), Some(&Any::from("Customs data, table 3 😀")));
    assert!(matches!(note.get("at"), Some(Any::Number(_))), "{note:?}");
    let tombstones = txn.get_map(shape::TOMBSTONES).unwrap();
    assert!(tombstones.get(&txn, id(3).as_str()).is_some());
}

#[test]
fn two_people_edit_different_claims_and_fields_and_converge() {
    let base = document_of([claim(1, 0, 11), claim(2, 20, 26)]);
    let mut net = Net::new(vec![base.clone(), base]);
    net.connect(0);
    net.connect(1);
    net.edit(0, |d| {
        d.update(&id(1), t(100), |a, now| a.set_note("from Ada", now));
    });
    net.edit(1, |d| {
        d.update(&id(1), t(101), |a, now| a.set_tags(["Ben's tag"], now));
        d.update(&id(2), t(102), |a, now| a.add_source(source(9, "https://stats.example/x", now), now));
    });
    net.assert_converged();
    let a = net.annotation(0, 1).unwrap();
    assert_eq!((a.note.as_str(), a.tags.as_slice()), ("from Ada", ["Ben's tag".to_string()].as_slice()));
    assert_eq!(net.annotation(0, 2).unwrap().sources.len(), 1);
}

#[test]
fn the_same_field_edited_at_once_converges_on_the_newer_edit() {
    let base = document_of([claim(1, 0, 11)]);
    let mut net = Net::new(vec![base.clone(), base]);
    net.connect(0);
    net.connect(1);
    // Both edit while the other's edit is in flight: offline, then both reconnect.
    net.notes_apart([(t(200), "older"), (t(201), "newer")]);
    net.connect(1);
    net.connect(0);
    net.assert_converged();
    assert_eq!(net.annotation(0, 1).unwrap().note, "newer");
    // The same time on both sides: still one answer for everyone.
    net.notes_apart([(t(300), "left"), (t(300), "right")]);
    net.connect(0);
    net.connect(1);
    net.assert_converged();
}

#[test]
fn offline_edits_are_kept_and_sent_on_reconnect() {
    let mut net = Net::new(vec![StoreDocument::new(article()), StoreDocument::new(article())]);
    net.connect(0);
    net.connect(1);
    net.disconnect(0);
    net.edit(0, |d| {
        d.insert(claim(5, 30, 40));
    });
    assert!(net.annotation(0, 5).is_some(), "kept locally while offline");
    assert!(net.annotation(1, 5).is_none());
    net.connect(0);
    assert!(net.annotation(1, 5).is_some(), "sent on reconnect");
    net.assert_converged();
}

#[test]
fn joining_with_local_work_merges_it_and_never_replaces_it() {
    let mut ada = StoreDocument::new(article());
    let mut a = claim(1, 0, 11);
    a.set_note("Ada's note", t(10));
    ada.insert(a);
    let mut ben = StoreDocument::new(article());
    let mut b = claim(1, 0, 11);
    b.set_verdict(Verdict::False, t(11));
    ben.insert(b);
    ben.insert(claim(2, 20, 26));
    let mut net = Net::new(vec![ada, ben]);
    net.connect(0);
    net.connect(1);
    net.assert_converged();
    let one = net.annotation(1, 1).unwrap();
    assert_eq!((one.note.as_str(), one.verdict), ("Ada's note", Verdict::False));
    assert!(net.annotation(0, 2).is_some());
}

#[test]
fn a_wiped_server_gets_everything_again_from_the_clients() {
    let mut net = Net::new(vec![rich_document(), StoreDocument::new(article())]);
    net.connect(0);
    net.connect(1);
    net.assert_converged();
    net.disconnect(0);
    net.disconnect(1);
    net.server = Server::new();
    net.connect(0);
    // A third person, new, gets it all from the new server.
    net.clients.push(Client::new(StoreDocument::new(article())));
    net.connect(2);
    assert!(same_work(&net.clients[2].local, &rich_document()));
}

#[test]
fn a_deletion_reaches_everyone_and_is_not_undone() {
    let mut net = Net::new(vec![rich_document(), rich_document()]);
    net.connect(0);
    net.connect(1);
    net.edit(0, |d| {
        d.delete(&id(1), t(500));
    });
    assert!(net.annotation(1, 1).is_none());
    net.disconnect(1);
    net.connect(1);
    assert!(net.annotation(1, 1).is_none());
    net.assert_converged();
}

#[test]
fn two_verdicts_on_one_claim_are_both_kept_and_the_editors_is_final() {
    let base = document_of([claim(1, 0, 11)]);
    let mut net = Net::new(vec![base.clone(), base]);
    net.connect(0);
    net.connect(1);
    net.edit(0, |d| {
        d.update(&id(1), t(600), |a, now| a.record_team_verdict("Ada", Verdict::False, true, now));
    });
    net.edit(1, |d| {
        d.update(&id(1), t(601), |a, now| a.record_team_verdict("Ben", Verdict::True, false, now));
    });
    net.assert_converged();
    let a = net.annotation(1, 1).unwrap();
    assert!(a.team.disagree());
    assert_eq!(a.team.of("Ada").unwrap().verdict, Verdict::False);
    assert_eq!(a.team.of("Ben").unwrap().verdict, Verdict::True);
    assert_eq!(a.verdict, Verdict::False, "the editor's verdict is the exported one");
}

#[test]
fn malformed_messages_change_nothing() {
    let mut peer = Peer::new(article(), clock());
    let local = rich_document();
    let hello = peer.hello();
    assert!(!hello.is_empty());
    let before = peer.state();
    for bad in [
        vec![0xff, 0xff, 0xff],
        vec![0, 2, 10, 1, 2, 3], // an update of 10 bytes, 3 sent
        Message::Sync(SyncMessage::Update(vec![9, 9, 9, 9])).encode_v1(), // not a Yjs update
    ] {
        assert!(peer.receive(&bad).is_err(), "{bad:?} is refused");
        assert_eq!(peer.state(), before);
    }
    let refused = Message::Auth(Some("wrong token".into())).encode_v1();
    assert_eq!(peer.receive(&refused), Err(SyncError::Refused("wrong token".into())));
    let merged = peer.merge(&local);
    assert!(!merged.local_changed);
}

#[test]
fn an_update_of_the_wrong_shape_is_left_out_and_healed() {
    // Someone writes, with a valid Yjs update, values that do not follow the shape.
    let hostile = Doc::new();
    {
        let mut txn = hostile.transact_mut();
        let annotations = txn.get_or_insert_map(shape::ANNOTATIONS);
        annotations.insert(&mut txn, id(1).as_str(), "not a map");
        annotations.insert(&mut txn, "javascript:alert(1)", "<img src=x onerror=alert(1)>");
        let tombstones = txn.get_or_insert_map(shape::TOMBSTONES);
        tombstones.insert(&mut txn, id(2).as_str(), "yesterday");
    }
    let update = hostile.transact().encode_state_as_update_v1(&StateVector::default());
    let mut peer = Peer::new(article(), clock());
    peer.hello();
    let step2 = Message::Sync(SyncMessage::SyncStep2(update)).encode_v1();
    assert!(peer.receive(&step2).unwrap().changed);
    let local = rich_document();
    let merged = peer.merge(&local);
    assert!(
        same_work(&merged.document, &local),
        "the local copy is not corrupted: {}\n{:?}",
        merged.document.to_json_pretty(),
        merged.problems
    );
    let paths: Vec<_> = merged.problems.iter().map(|p| p.path.clone()).collect();
    assert!(paths.contains(&format!("annotations/{}", id(1).as_str())), "{paths:?}");
    assert!(paths.contains(&format!("tombstones/{}", id(2).as_str())), "{paths:?}");
    // The local copy's version was written over the bad one.
    assert!(merged.update.is_some());
    let again = peer.merge(&merged.document);
    let bad_left: Vec<_> = again.problems.iter().map(|p| p.path.clone()).collect();
    assert!(!bad_left.contains(&format!("annotations/{}", id(1).as_str())), "{bad_left:?}");

    // A field set once, at creation, spoiled later: healed too.
    let spoil = Doc::new();
    spoil.transact_mut().apply_update(Update::decode_v1(&peer.state()).unwrap()).unwrap();
    {
        let mut txn = spoil.transact_mut();
        let annotations = txn.get_or_insert_map(shape::ANNOTATIONS);
        let Some(yrs::Out::YMap(one)) = annotations.get(&txn, id(1).as_str()) else {
            panic!("healed into a map")
        };
        one.insert(&mut txn, "created", "yesterday");
    }
    let spoiled = spoil.transact().encode_diff_v1(&peer_state_vector(&peer));
    peer.receive(&Message::Sync(SyncMessage::Update(spoiled)).encode_v1()).unwrap();
    let spoiled_read = peer.merge(&again.document);
    assert!(same_work(&spoiled_read.document, &local), "the local copy is not corrupted");
    assert!(spoiled_read.problems.iter().any(|p| p.path == format!("annotations/{}", id(1).as_str())));
    let healed = peer.merge(&spoiled_read.document);
    assert!(
        healed.problems.iter().all(|p| p.path != format!("annotations/{}", id(1).as_str())),
        "{:?}",
        healed.problems
    );
}

fn peer_state_vector(peer: &Peer) -> StateVector {
    let doc = Doc::new();
    doc.transact_mut().apply_update(Update::decode_v1(&peer.state()).unwrap()).unwrap();
    let sv = doc.transact().state_vector();
    sv
}

#[test]
fn a_source_link_that_is_not_http_is_refused_from_the_team_document() {
    let ydoc = Doc::new();
    let mut doc = StoreDocument::new(article());
    let mut a = claim(1, 0, 11);
    a.add_source(source(1, "https://example.org/", t(1)), t(1));
    doc.insert(a);
    shape::write(&mut ydoc.transact_mut(), &doc);
    {
        // Someone rewrites the source's url.
        let mut txn = ydoc.transact_mut();
        let annotations = txn.get_or_insert_map(shape::ANNOTATIONS);
        let Some(yrs::Out::YMap(one)) = annotations.get(&txn, id(1).as_str()) else { panic!() };
        let Some(yrs::Out::YArray(sources)) = one.get(&txn, "sources") else { panic!() };
        use yrs::Array;
        let json = r#"{"id":"x","url":"javascript:alert(1)","added":"2024-05-01T09:00:00Z","modified":"2024-05-01T09:00:00Z"}"#;
        sources.push_back(&mut txn, Any::from_json(json).unwrap());
    }
    let read = shape::read(&ydoc, &article());
    assert!(read.document.annotations.is_empty());
    assert!(read.problems[0].message.contains("is not http or https"), "{:?}", read.problems);
}

#[test]
fn presence_says_who_is_looking_at_which_claim() {
    let mut net = Net::new(vec![StoreDocument::new(article()), StoreDocument::new(article())]);
    net.connect(0);
    net.connect(1);
    let message = net.clients[0]
        .peer
        .set_presence(&Presence { name: "Ada".into(), focus: Some(id(1).as_str().into()) })
        .unwrap();
    net.send(0, message);
    assert_eq!(
        net.clients[1].peer.presence(),
        [Presence { name: "Ada".into(), focus: Some(id(1).as_str().into()) }]
    );
    assert!(net.clients[0].peer.presence().is_empty(), "one does not see oneself");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any document of notes, tags, verdicts and sources round-trips, and two copies edited
    /// apart converge once both have synced.
    #[test]
    fn any_edits_round_trip_and_converge(
        edits in proptest::collection::vec(
            (0usize..2, 1u8..4, 0u8..4, "[a-zA-Z😀 ]{0,12}", 0i64..50),
            1..12,
        )
    ) {
        let base = document_of((1..4).map(|n| claim(n, 0, 11)));
        let mut net = Net::new(vec![base.clone(), base]);
        for (who, n, what, text, at) in edits {
            net.edit(who, |d| {
                d.update(&id(n), t(1000 + at), |a, now| match what {
                    0 => a.set_note(text.clone(), now),
                    1 => a.set_tags([text.clone()], now),
                    2 => a.set_verdict(Verdict::ALL[text.len() % Verdict::ALL.len()], now),
                    _ => a.add_source(source(n, "https://example.org/a", now), now),
                });
            });
        }
        for client in &net.clients {
            let ydoc = Doc::new();
            shape::write(&mut ydoc.transact_mut(), &client.local);
            let read = shape::read(&ydoc, &article());
            prop_assert!(read.problems.is_empty());
            prop_assert!(same_work(&read.document, &client.local));
        }
        net.connect(0);
        net.connect(1);
        net.assert_converged();
    }
}
