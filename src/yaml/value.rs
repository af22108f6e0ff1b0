//! Parsing YAML into a `Value` within a budget proportional to the text.
//!
//! YAML aliases (`*name`) repeat what an anchor (`&name`) holds, so a few
//! kilobytes can stand for gigabytes: a 50 KB front matter whose anchor
//! holds 10,000 items, referred to 10,000 times, is 100 million values.
//! serde_yaml limits how often it follows aliases, not the size of what
//! they make. This builds the `Value` itself and stops once it holds more
//! than the text could spell out without aliases.

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};
use std::cell::Cell;
use std::fmt;

/// The start of the message of a parse stopped by the budget.
pub const TOO_LARGE: &str = "the YAML expands to far more than it spells out";

/// Parses `text` as serde_yaml would into a `Value`, failing with
/// `TOO_LARGE` when aliases make it grow past the budget.
pub fn parse_within_budget(text: &str) -> Result<Value, serde_yaml::Error> {
    // Without aliases, each value costs at least one byte of text, and its
    // characters are its text's: twice the length, and some room.
    let budget = Budget(Cell::new(2 * text.len() + 1024));
    Build(&budget).deserialize(serde_yaml::Deserializer::from_str(text))
}

struct Budget(Cell<usize>);

impl Budget {
    fn spend<E: de::Error>(&self, cost: usize) -> Result<(), E> {
        match self.0.get().checked_sub(cost.max(1)) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(E::custom(format_args!(
                "{TOO_LARGE} (aliases `*name` repeat what their anchor `&name` holds)"
            ))),
        }
    }
}

/// Builds one value, and spends the budget on it.
#[derive(Clone, Copy)]
struct Build<'b>(&'b Budget);

impl<'de> DeserializeSeed<'de> for Build<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Build<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(Value::Number(i.into()))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(Value::Number(u.into()))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(Value::Number(f.into()))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        self.0.spend(s.len())?;
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        self.0.spend(s.len())?;
        Ok(Value::String(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.0.spend(1)?;
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.0.spend(1)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.0.spend(1)?;
        let mut mapping = Mapping::new();
        while let Some(key) = map.next_key_seed(self)? {
            if mapping.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "duplicate entry with key {}",
                    super::describe(&key)
                )));
            }
            let value = map.next_value_seed(self)?;
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // serde_yaml hands a tagged value (`!tag value`) over as an enum.
        let (tag, contents) = data.variant::<String>()?;
        self.0.spend(tag.len())?;
        let value = contents.newtype_variant_seed(self)?;
        Ok(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_what_serde_yaml_gives() {
        let text = "title: A\nn: 3\nx: -1.5\nok: true\nnone: ~\nlist: [a, 'b', {c: d}]\nanchor: &a [1, 2]\nagain: *a\ntagged: !x y\nblock: |\n  one\n  two\n";
        assert_eq!(
            parse_within_budget(text).unwrap(),
            serde_yaml::from_str::<Value>(text).unwrap()
        );
    }

    #[test]
    fn aliases_that_multiply_the_text_are_refused_quickly() {
        let mut text = String::from("speakers: &a [");
        text.push_str(&vec!["x"; 10_000].join(", "));
        text.push_str("]\nmore: [");
        text.push_str(&vec!["*a"; 10_000].join(", "));
        text.push_str("]\n");
        let error = parse_within_budget(&text).unwrap_err();
        assert!(error.to_string().contains(TOO_LARGE), "{error}");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let error = parse_within_budget("a: 1\na: 2\n").unwrap_err();
        assert!(error.to_string().contains("duplicate entry"), "{error}");
    }
}
