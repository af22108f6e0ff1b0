//! How many connections the preview server answers at once, how long a
//! client may take, and which connection gives way when the server is full.
//!
//! Each connection has a thread of its own, so the number of connections
//! is the number of threads. A connection reading its request head may
//! wait only until the head's deadline; one writing a response, only until
//! the response's. Event streams live as long as their page, so they have a
//! smaller cap of their own: a new stream beyond it closes the oldest, and
//! streams can never take the places that pages need.
//!
//! When every place is taken, the server does not answer 503 — an
//! `EventSource` refused that way never connects again, so a tab would stop
//! reloading — and does not simply stop accepting either, which would let
//! idle connections hold pages back until their deadline. It closes the
//! oldest connection that has sent no whole request head for a while
//! ([`IDLE_AFTER`]; a browser sends the head at once), and the newcomer
//! takes its place. Only when none is idle (all are writing responses or
//! are event streams) does it stop accepting until a place frees: new
//! connections then wait in the system's queue, and pages load late
//! rather than fail.

use super::Shared;
use super::http;
use crate::sync::lock;
use std::collections::VecDeque;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Connections answered at once. A browser opens at most six connections
/// to a server, plus one event stream per open tab: 256 leaves room for
/// several browsers and a link checker, while bounding the threads (and
/// their stacks) and the file descriptors (two a connection, well below
/// the usual limit of 1,024) that clients can make the server hold.
const MAX_CONNECTIONS: usize = 256;
/// Event streams open at once: one per open tab. Well below
/// `MAX_CONNECTIONS`, so that tabs left open never take the places of the
/// requests for pages.
const MAX_EVENT_STREAMS: usize = 32;
/// The time from a connection's taking its place to its whole request
/// head, however slowly the bytes come.
const HEAD_TIME: Duration = Duration::from_secs(10);
/// The time to write a response, however slowly the client reads (a page
/// or a search shard takes milliseconds, even to a phone on Wi-Fi).
const RESPONSE_TIME: Duration = Duration::from_secs(30);
/// A connection that has not sent its whole request head this long after
/// it was accepted is idle or slow, and may be closed to make room. One
/// younger than this may be a request that its thread has not read yet.
const IDLE_AFTER: Duration = Duration::from_secs(1);

/// How long clients may take and how many the server answers at once.
/// `Limits::default()` is what `igf-archive serve` uses; tests shorten it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The time from a connection's taking its place (at once, unless the
    /// server is full) to its whole request head — request line and
    /// headers — however slowly the bytes come. A client still sending
    /// then gets 408; one that sent nothing is closed.
    pub head_time: Duration,
    /// The time to write a response, or each message of an event stream.
    pub response_time: Duration,
    /// Connections answered at once (at least 2).
    pub connections: usize,
    /// Event streams open at once (at least 1, and fewer than
    /// `connections`); a new one beyond it closes the oldest.
    pub event_streams: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            head_time: HEAD_TIME,
            response_time: RESPONSE_TIME,
            connections: MAX_CONNECTIONS,
            event_streams: MAX_EVENT_STREAMS,
        }
    }
}

/// Accepts connections for as long as the process runs, each answered by
/// a thread of its own once it has a place.
pub(super) fn accept(listener: TcpListener, shared: Arc<Shared>, limits: Limits) {
    let connections = Arc::new(Connections::new(&limits));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, say: try again in a moment rather
            // than in a busy loop.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let connection = Connections::admit(&connections, &stream);
        let shared = Arc::clone(&shared);
        // Should no thread start, the closure and the connection with it
        // are dropped, which frees its place.
        let _ = std::thread::Builder::new().spawn(move || {
            let _ = http::handle(stream, &connection, &shared, &limits);
        });
    }
}

/// The connections open, shared by the threads that answer them.
struct Connections {
    max: usize,
    max_streams: usize,
    state: Mutex<State>,
    /// Signalled when a connection ends.
    freed: Condvar,
}

#[derive(Default)]
struct State {
    open: usize,
    /// Connections closed to make room whose threads have not ended yet.
    closing: usize,
    next_id: u64,
    /// Connections still reading their request head, oldest first.
    reading: VecDeque<Entry>,
    /// Event streams, oldest first.
    streams: VecDeque<Entry>,
}

/// A connection as others may close it.
struct Entry {
    id: u64,
    accepted: Instant,
    /// A handle on the socket, to end a read or write under way.
    socket: Option<TcpStream>,
    closed: Arc<AtomicBool>,
}

impl Entry {
    fn close(self, state: &mut State) {
        self.closed.store(true, Ordering::SeqCst);
        if let Some(socket) = &self.socket {
            let _ = socket.shutdown(Shutdown::Both);
        }
        state.closing += 1;
    }
}

/// One connection's place, given back when it is dropped.
pub(super) struct Connection {
    id: u64,
    pub(super) accepted: Instant,
    closed: Arc<AtomicBool>,
    connections: Arc<Connections>,
}

impl Connections {
    fn new(limits: &Limits) -> Self {
        let max = limits.connections.max(2);
        Connections {
            max,
            max_streams: limits.event_streams.clamp(1, max - 1),
            state: Mutex::new(State::default()),
            freed: Condvar::new(),
        }
    }

    /// Waits for a place for `stream`, closing the oldest idle connection
    /// if there is none; see the module's documentation.
    fn admit(this: &Arc<Self>, stream: &TcpStream) -> Connection {
        let mut state = lock(&this.state);
        while state.open >= this.max {
            // None: until a connection ends.
            let mut wait = None;
            if state.open - state.closing >= this.max
                && let Some(age) = state.reading.front().map(|e| e.accepted.elapsed())
            {
                if age >= IDLE_AFTER {
                    if let Some(oldest) = state.reading.pop_front() {
                        oldest.close(&mut state);
                    }
                    continue;
                }
                wait = Some(IDLE_AFTER - age);
            }
            state = match wait {
                Some(wait) => {
                    this.freed
                        .wait_timeout(state, wait)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
                None => this.freed.wait(state).unwrap_or_else(|e| e.into_inner()),
            };
        }
        state.open += 1;
        state.next_id += 1;
        let connection = Connection {
            id: state.next_id,
            accepted: Instant::now(),
            closed: Arc::new(AtomicBool::new(false)),
            connections: Arc::clone(this),
        };
        state.reading.push_back(connection.entry(stream));
        connection
    }
}

impl Connection {
    fn entry(&self, stream: &TcpStream) -> Entry {
        Entry {
            id: self.id,
            accepted: self.accepted,
            socket: stream.try_clone().ok(),
            closed: Arc::clone(&self.closed),
        }
    }

    /// Whether the server closed this connection to make room.
    pub(super) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    /// The request head is read: the connection is no longer idle.
    pub(super) fn head_read(&self) {
        lock(&self.connections.state)
            .reading
            .retain(|e| e.id != self.id);
    }

    /// Counts this connection as an event stream, closing the oldest one if
    /// there are too many. Returns whether it closed one, whose thread
    /// then needs waking.
    pub(super) fn become_event_stream(&self, stream: &TcpStream) -> bool {
        let entry = self.entry(stream);
        let mut state = lock(&self.connections.state);
        let mut closed = false;
        while state.streams.len() >= self.connections.max_streams {
            let Some(oldest) = state.streams.pop_front() else {
                break;
            };
            oldest.close(&mut state);
            closed = true;
        }
        state.streams.push_back(entry);
        closed
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        let mut state = lock(&self.connections.state);
        state.open -= 1;
        if self.is_closed() {
            state.closing -= 1;
        }
        state.reading.retain(|e| e.id != self.id);
        state.streams.retain(|e| e.id != self.id);
        drop(state);
        self.connections.freed.notify_all();
    }
}
