//! Property test of saving in two tabs: any interleaving of two tabs' tags and note edits,
//! saves, reads of the other tab's work (also taken in after a later keystroke), a cleared
//! store, refused writes and a full store loses no annotation either tab holds and no
//! character typed into a note, and both tabs and the store end in agreement.

mod common;

use discern_model::corpus;
use discern_model::store::{load, KeepAssignments, MemoryStore, Meta, Saver, Store};
use discern_model::text::Tables;
use discern_model::{Change, Workspace};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::rc::Rc;

/// What happens next.
#[derive(Clone, Debug)]
enum Step {
    /// Tab `tab` tags a new span at `at`.
    Tag {
        tab: usize,
        at: usize,
    },
    /// Tab `tab` types one character at the end of a note (of its `which`-th annotation).
    Type {
        tab: usize,
        which: usize,
    },
    Save {
        tab: usize,
    },
    /// Tab `tab` reads what the other tab saved and takes it in, after a keystroke of its
    /// own when `typed_meanwhile`.
    Read {
        tab: usize,
        typed_meanwhile: bool,
    },
    /// Another tab, or the browser, clears the store.
    Clear,
    /// Writes fail (or work again).
    FailWrites(bool),
    /// The store holds only a little more than it does now (or has no limit again).
    Full(bool),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..2usize, 0..400usize).prop_map(|(tab, at)| Step::Tag { tab, at }),
        4 => (0..2usize, 0..8usize).prop_map(|(tab, which)| Step::Type { tab, which }),
        3 => (0..2usize).prop_map(|tab| Step::Save { tab }),
        3 => (0..2usize, any::<bool>())
            .prop_map(|(tab, typed_meanwhile)| Step::Read { tab, typed_meanwhile }),
        1 => Just(Step::Clear),
        1 => any::<bool>().prop_map(Step::FailWrites),
        1 => any::<bool>().prop_map(Step::Full),
    ]
}

struct Tab {
    ws: Workspace,
    saver: Saver,
}

struct World {
    store: MemoryStore,
    tabs: [Tab; 2],
    doc: String,
    next: usize,
    /// Every annotation id ever tagged.
    tagged: Vec<String>,
    /// Every character typed into each annotation's note.
    typed: BTreeMap<String, Vec<char>>,
}

impl World {
    fn new() -> World {
        let store = MemoryStore::new();
        let open = |name: &str| {
            let mut loaded = load(&Tables, &store, corpus::builtin(), Some(&KeepAssignments));
            loaded.saver.name_tab(name.to_string());
            Tab {
                ws: loaded.workspace,
                saver: loaded.saver,
            }
        };
        let tabs = [open("A"), open("B")];
        let doc = tabs[0].ws.documents()[1].id.clone();
        World {
            store,
            tabs,
            doc,
            next: 0,
            tagged: Vec::new(),
            typed: BTreeMap::new(),
        }
    }

    /// Types a character no one typed before (so that none can stand for another).
    fn type_into(&mut self, tab: usize, which: usize) {
        let list = self.tabs[tab].ws.annotations(&self.doc);
        let Some(before) = list.get(which % list.len().max(1)).cloned() else {
            return;
        };
        let c = char::from_u32(0x4E00 + self.next as u32).unwrap();
        self.next += 1;
        let mut after = (*before).clone();
        after.note.push(c);
        self.tabs[tab]
            .ws
            .apply(&Change::Update {
                before,
                after: Rc::new(after),
            })
            .unwrap();
        self.typed
            .entry(list[which % list.len()].id.clone())
            .or_default()
            .push(c);
    }

    fn save(&mut self, tab: usize) {
        let t = &mut self.tabs[tab];
        let (other, _) = t.saver.save(&self.store, &t.ws, &Meta::default());
        other.take_into(&mut t.ws);
    }

    fn run(&mut self, step: &Step) {
        match *step {
            Step::Tag { tab, at } => {
                let id = format!("a{}", self.next);
                // Each tab tags its own ranges: the same tag made in both tabs is kept once,
                // by design, and is not what this test is about.
                let start = at * 2 + tab;
                let a = common::ann(self.next, &self.doc, at, start, start + 1 + at % 7);
                self.next += 1;
                if self.tabs[tab].ws.apply(&Change::Add(a)).is_ok() {
                    self.tagged.push(id);
                }
            }
            Step::Type { tab, which } => self.type_into(tab, which),
            Step::Save { tab } => self.save(tab),
            Step::Read {
                tab,
                typed_meanwhile,
            } => {
                let t = &mut self.tabs[tab];
                let other = t.saver.incoming(&Tables, &self.store, &t.ws);
                if typed_meanwhile {
                    self.type_into(tab, 0);
                }
                other.take_into(&mut self.tabs[tab].ws);
            }
            Step::Clear => {
                for k in self.store.entries().into_keys() {
                    let _ = self.store.remove(&k);
                }
            }
            Step::FailWrites(on) => self.store.fail_writes(on),
            Step::Full(on) => self.store.set_quota(on.then(|| self.store.used() + 300)),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn two_tabs_lose_nothing_whatever_happens_in_between(steps in prop::collection::vec(step(), 1..60)) {
        let mut world = World::new();
        for s in &steps {
            world.run(s);
        }
        // The store works again; each tab saves and reads until both are quiet.
        world.store.fail_writes(false);
        world.store.set_quota(None);
        for _ in 0..3 {
            for tab in 0..2 {
                world.save(tab);
                let t = &mut world.tabs[tab];
                t.saver.incoming(&Tables, &world.store, &t.ws).take_into(&mut t.ws);
            }
        }
        let stored = load(&Tables, &world.store, corpus::builtin(), Some(&KeepAssignments)).workspace;
        for ws in [&world.tabs[0].ws, &world.tabs[1].ws, &stored] {
            for id in &world.tagged {
                prop_assert!(ws.annotation(id).is_some(), "{id} lost");
            }
            for (id, typed) in &world.typed {
                let Some(a) = ws.annotation(id) else { continue };
                for c in typed {
                    prop_assert!(a.note.contains(*c), "{c} lost from {id}: {:?}", a.note);
                }
            }
        }
        prop_assert_eq!(&world.tabs[0].ws, &world.tabs[1].ws);
        prop_assert_eq!(&world.tabs[0].ws, &stored);
    }
}
